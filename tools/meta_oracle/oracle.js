// Meta's schema pass (Ajv 6.12.6 allErrors+verbose, formatAJVError, deduplicateErrors) on JSONL input:
// each line {"id", "text"}; prints {"id", "errors"|"throw"|"skip"} per line.
const { load, metaValidator, eachLine } = require('./loader.js');
const SV = load('WAFlowJSONSchemaValidator');
const LC = load('WAFlowJSONLineColumnPointerUtil');
eachLine((text) => {
  const m = metaValidator(JSON.parse(text).version);
  if (!m) return { skip: 'version' };
  const validator = new SV.WAFlowJSONSchemaValidator({ instance: m.ajv, validate: m.validate });
  return { errors: validator.validate(text, LC.getWAFlowJSONLineColumnPointerData(text), m.version, m.schema, false) };
});
