// Records Ajv 6.12.6's answers (allErrors, verbose: the options of Meta's Flow Builder) for ajv6_inputs.json.
// Needs `npm install ajv@6.12.6` somewhere on NODE_PATH. Not run by the tests; its output is checked in.
const fs = require('fs');
const path = require('path');
const Ajv = require('ajv');
if (!/^6\./.test(require('ajv/package.json').version)) throw new Error('Ajv 6 needed');
const ajv = new Ajv({ allErrors: true, verbose: true });
const inputs = JSON.parse(fs.readFileSync(path.join(__dirname, 'ajv6_inputs.json'), 'utf8'));
const out = inputs.map((c) => {
  const validate = ajv.compile(c.schema);
  const valid = validate(c.data);
  return { ...c, ajv: require('ajv/package.json').version, valid,
    errors: (validate.errors || []).map((e) => [e.keyword, e.dataPath, e.schemaPath, e.params, e.message]) };
});
fs.writeFileSync(path.join(__dirname, 'ajv6_cases.json'), JSON.stringify(out, null, 1) + '\n');
console.log(out.length, 'cases');
