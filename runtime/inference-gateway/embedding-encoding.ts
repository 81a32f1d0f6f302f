/** OpenAI's `encoding_format: "base64"`: little-endian float32 bytes, base64 encoded. */
export function vectorToBase64(vector: readonly number[]): string {
  return Buffer.from(new Float32Array(vector).buffer).toString('base64');
}

export function base64ToVector(text: string): number[] {
  const bytes = Buffer.from(text, 'base64');
  const floats = new Float32Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.length / 4));
  return Array.from(floats);
}
