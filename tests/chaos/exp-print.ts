import { compileEngagement } from './engagement-job.js';
const j = compileEngagement(1, 'keep');
console.log(j.statements.join(';\n\n'));
console.log(JSON.stringify(j.graph, null, 1).slice(0, 3000));
