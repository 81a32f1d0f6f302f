import type { JobGraph } from './graph.js';

/** The Kafka topics a compiled job reads and writes, each once, in graph order. */
export interface GraphTopics {
  /** Source topics (a step's output read back by a stepSource is listed under writes too). */
  reads: string[];
  /** View outputs, step outputs and every dead-letter topic (sources' and steps'). */
  writes: string[];
  /** reads then writes, without repeats. */
  all: string[];
}

export function graphTopics(graph: JobGraph): GraphTopics {
  const reads = unique(graph.sources.map((s) => s.topic));
  const writes = unique([
    ...graph.sinks.map((s) => s.topic),
    ...graph.steps.flatMap((st) => [...st.sinks.map((s) => s.topic), ...(st.deadLetter ? [st.deadLetter.topic] : [])]),
    ...graph.sources.map((s) => s.deadLetter.topic),
  ]);
  return { reads, writes, all: unique([...reads, ...writes]) };
}

function unique(topics: string[]): string[] {
  return [...new Set(topics)];
}
