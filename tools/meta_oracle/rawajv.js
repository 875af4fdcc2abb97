// Raw Ajv 6.12.6 errors (allErrors, verbose) of Meta's schemas on JSONL input {"id","text"}.
const { metaValidator, eachLine } = require('./loader.js');
eachLine((text) => {
  const doc = JSON.parse(text);
  const m = metaValidator(doc.version);
  if (!m) return { skip: true };
  m.validate(doc);
  return { errors: (m.validate.errors || []).map((e) => [e.keyword, e.dataPath, e.schemaPath, e.params, e.message]) };
});
