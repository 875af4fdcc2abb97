// Reads JSON lines {"id": ..., "text": "..."} on stdin; writes {"id": ..., "message": <JSON.parse's message or null>}.
// Developers only: records what V8's JSON.parse says, to hold flowlint/v8_json.py to it.
const readline = require('readline');
const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
rl.on('line', (line) => {
  if (!line.trim()) return;
  const { id, text } = JSON.parse(line);
  let message = null;
  try { JSON.parse(text); } catch (e) { message = e.message; }
  process.stdout.write(JSON.stringify({ id, message }) + '\n');
});
