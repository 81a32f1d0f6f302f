import type { JobGraph } from './graph.js';

/** Text inside a quoted Mermaid label: quotes and angle brackets become entities. */
function label(text: string): string {
  return text.replaceAll('#', '#35;').replaceAll('"', '#quot;').replaceAll('<', '#lt;').replaceAll('>', '#gt;');
}

/** graph.mmd: sources → fused operators → sinks, left to right. Node ids are positional. */
export function printMermaid(graph: JobGraph): string {
  const lines = ['flowchart LR'];
  const sourceId = new Map(graph.sources.map((s, i) => [s.name, `s${i}`]));
  const operatorId = new Map(graph.operators.map((o, i) => [o.id, `o${i}`]));
  for (const s of graph.sources) lines.push(`  ${sourceId.get(s.name)}[("${[s.name, `topic ${s.topic}`].map(label).join('<br/>')}")]`);
  for (const o of graph.operators) {
    const text = [`${o.view} · ${o.windowDescription}`, [...o.features, ...o.derived].join(', ')];
    lines.push(`  ${operatorId.get(o.id)}["${text.map(label).join('<br/>')}"]`);
  }
  graph.sinks.forEach((k, i) => {
    lines.push(`  k${i}[/"${[`${k.output} → ${k.topic}`, `${k.connector} · exactly-once`].map(label).join('<br/>')}"/]`);
  });
  for (const o of graph.operators) for (const s of o.sources) lines.push(`  ${sourceId.get(s)} --> ${operatorId.get(o.id)}`);
  graph.sinks.forEach((k, i) => lines.push(`  ${operatorId.get(k.operator)} --> k${i}`));
  graph.steps.forEach((step, i) => {
    lines.push(`  m${i}[["${[`${step.name} · ML_PREDICT`, `${step.task} model ${step.model}`].map(label).join('<br/>')}"]]`);
    lines.push(`  ${sourceId.get(step.source)} --> m${i}`);
    [...step.sinks, ...(step.deadLetter ? [step.deadLetter] : [])].forEach((k, j) => {
      const kind = k === step.deadLetter ? 'dead letter' : 'kafka';
      lines.push(`  m${i}k${j}[/"${[`${kind} → ${k.topic}`, 'kafka · exactly-once'].map(label).join('<br/>')}"/]`, `  m${i} --> m${i}k${j}`);
    });
  });
  return `${lines.join('\n')}\n`;
}
