// The GitHub Action's last step (action.yml): reads the SARIF report ecs-iam-lint wrote, annotates each finding
// in the run (workflow commands: they show on the pull request's changed lines even without code scanning),
// writes a summary, and exits 1 when a finding at or above the chosen severity, in the chosen phases, exists.
//   node scripts/action/gate.mjs <report.sarif> <error|warning|info|never> [register,start,...]
import { appendFileSync, readFileSync } from 'node:fs';

const [sarifFile, failOn = 'error', failOnPhase = ''] = process.argv.slice(2);
const RANK = { note: 1, warning: 2, error: 3 };
const THRESHOLD = { info: 1, warning: 2, error: 3, never: Infinity };
const PHASES = ['register', 'start', 'runtime', 'advice'];

function usage(message) {
  console.log(`::error title=ecs-iam-lint::${escapeData(message)}`);
  process.exit(2);
}
if (!sarifFile) usage('gate.mjs needs the SARIF report path');
if (!(failOn in THRESHOLD)) usage(`fail-on takes error, warning, info or never, not "${failOn}"`);
const phases = failOnPhase
  .split(',')
  .map((phase) => phase.trim())
  .filter(Boolean);
const unknown = phases.filter((phase) => !PHASES.includes(phase));
if (unknown.length > 0) usage(`fail-on-phase takes ${PHASES.join(', ')}, not "${unknown.join(',')}"`);

let sarif;
try {
  sarif = JSON.parse(readFileSync(sarifFile, 'utf8'));
} catch (error) {
  usage(`cannot read the SARIF report ${sarifFile}: ${error.message}`);
}
const results = sarif.runs.flatMap((run) => run.results ?? []);
const failing = results.filter(
  (result) => RANK[result.level] >= THRESHOLD[failOn] && (phases.length === 0 || phases.includes(result.properties?.phase)),
);

const COMMAND = { error: 'error', warning: 'warning', note: 'notice' };
for (const result of results) {
  const region = result.locations?.[0]?.physicalLocation?.region ?? {};
  const file = decodeURI(result.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '');
  const properties = [
    `file=${file}`,
    `line=${region.startLine ?? 1}`,
    `col=${region.startColumn ?? 1}`,
    ...(region.endLine ? [`endLine=${region.endLine}`] : []),
    `title=${result.ruleId} (${result.properties?.phase ?? 'advice'})`,
  ].map(escapeProperty);
  console.log(`::${COMMAND[result.level] ?? 'notice'} ${properties.join(',')}::${escapeData(result.message.text)}`);
}

const count = (level) => results.filter((result) => result.level === level).length;
const summary = `ecs-iam-lint: ${results.length} finding${results.length === 1 ? '' : 's'} (${count('error')} error, ${count('warning')} warning, ${count('note')} note); ${failing.length} at or above "${failOn}"${phases.length ? ` in ${phases.join(', ')}` : ''}.`;
console.log(summary);
if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, `${summary}\n`);
if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `findings=${results.length}\nfailing=${failing.length}\n`);
process.exit(failing.length > 0 ? 1 : 0);

/** Workflow command escaping (the runner's rules): data escapes %, CR, LF; properties also : and ,. */
function escapeData(text) {
  return String(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(property) {
  const at = property.indexOf('=');
  return (
    property.slice(0, at + 1) +
    escapeData(property.slice(at + 1))
      .replace(/:/g, '%3A')
      .replace(/,/g, '%2C')
  );
}
