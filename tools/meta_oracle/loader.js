// Dev-only oracle: loads Meta's Flow Builder modules (saved in /work/metasrc, never committed) with a
// minimal __d module system, to dump Meta's JSON Schemas and to run its schema pass on test flows.
const fs = require('fs');
const path = require('path');
const SRC = process.env.METASRC || path.join(__dirname, 'metasrc');
const defs = {};
const cache = {};
global.babelHelpers = { extends: Object.assign,
  objectWithoutPropertiesLoose(src, excluded) { const t = {}; for (const k of Object.keys(src)) if (!excluded.includes(k)) t[k] = src[k]; return t; }, inheritsLoose(a, b) { a.prototype = Object.create(b.prototype); a.prototype.constructor = a; a.__proto__ = b; } };
global.__d = function (name, deps, factory, flags) { defs[name] = { deps, factory }; };
const KNOBS = { '3764': false, '384': true, '3298': 0 };
function makeEnum(obj) {
  const values = Object.values(obj);
  const e = Object.assign({}, obj);
  Object.defineProperties(e, {
    members: { value: () => values[Symbol.iterator](), enumerable: false },
    isValid: { value: (v) => values.includes(v), enumerable: false },
    cast: { value: (v) => (values.includes(v) ? v : undefined), enumerable: false },
    getName: { value: (v) => Object.keys(obj).find((k) => obj[k] === v), enumerable: false },
  });
  return e;
}
makeEnum.Mirrored = (keys) => makeEnum(Object.fromEntries(keys.map((k) => [k, k])));
const stubs = {
  $InternalEnum: makeEnum,
  err: { default: (m) => new Error(m) },
  isPlainObject: { default: (x) => x !== null && typeof x === 'object' && !Array.isArray(x) },
  'WAFlowsImageCarousel.react': { WAFLOWS_IMAGE_CAROUSEL_MAX_IMAGES: 3 },
  WAFlowJSONCartLayoutSchema: {}, WAFlowJSONCategoryListLayoutSchema: {}, WAFlowJSONItemDetailLayoutSchema: {}, WAFlowJSONItemListLayoutSchema: {},
  justknobx: { default: { _: (k) => KNOBS[k] } },
  filterNulls: { default: (a) => a.filter((x) => x != null) },
  unsafeCast: { default: (x) => x },
  invariant: { default: (c, m) => { if (!c) throw new Error('invariant ' + m); } },
  getErrorSafe: { default: (e) => e },
  // Not in the index: rebuilt from the type names and from Meta's own enum message (p1-2004265).
  WAFlowsTypes: {
    WA_FLOWS_COMPONENT_NAMES: { CALENDAR_PICKER: 'CalendarPicker', CHECKBOX_GROUP: 'CheckboxGroup', CHIPS_SELECTOR: 'ChipsSelector', DATE_PICKER: 'DatePicker', DOCUMENT_PICKER: 'DocumentPicker', DROPDOWN: 'Dropdown', EMBEDDED_LINK: 'EmbeddedLink', FOOTER: 'Footer', FORM: 'Form', IF: 'If', IMAGE: 'Image', IMAGE_CAROUSEL: 'ImageCarousel', NAVIGATION_LIST: 'NavigationList', OPT_IN: 'OptIn', PHOTO_PICKER: 'PhotoPicker', RADIOBUTTONS_GROUP: 'RadioButtonsGroup', RICH_TEXT: 'RichText', SWITCH: 'Switch', TEXT_AREA: 'TextArea', TEXT_BODY: 'TextBody', TEXT_CAPTION: 'TextCaption', TEXT_HEADING: 'TextHeading', TEXT_INPUT: 'TextInput', TEXT_SUBHEADING: 'TextSubheading' },
    // All five layouts: with SingleColumnLayout alone, Meta's other-layout filter never fires and a 7.3 flow
    // with an ItemListLayout screen is refused, which Meta's recorded answers say it is not. ItemDetail and
    // CategoryList are named by the pattern of the others (flowlint.schema.meta_port.schema.LAYOUT_NAMES).
    WA_FLOWS_LAYOUT_NAMES: { SINGLE_COLUMN: 'SingleColumnLayout', ITEM_LIST: 'ItemListLayout', CART: 'CartLayout', ITEM_DETAIL: 'ItemDetailLayout', CATEGORY_LIST: 'CategoryListLayout' },
  },
  WAFlowsDocumentPickerAllowedMIMEType: { default: Object.fromEntries(['application/pdf', 'image/png', 'image/jpeg', 'image/avif', 'image/heic', 'image/heif', 'image/gif', 'image/tiff', 'image/webp', 'application/zip', 'application/gzip', 'application/x-7z-compressed', 'application/msword', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.oasis.opendocument.presentation', 'application/vnd.oasis.opendocument.spreadsheet', 'application/vnd.oasis.opendocument.text', 'video/mp4', 'video/mpeg', 'application/vnd.ms-powerpoint', 'application/vnd.openxmlformats-officedocument.presentationml.presentation', 'text/plain', 'application/vnd.ms-excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/xml'].map((v, i) => ['M' + i, v])) },
};
function load(name) {
  if (cache[name]) return cache[name];
  if (stubs[name]) return (cache[name] = stubs[name]);
  const file = path.join(SRC, name + '.js');
  if (!defs[name]) {
    if (!fs.existsSync(file)) throw new Error('missing module ' + name);
    eval(fs.readFileSync(file, 'utf8'));
  }
  const d = defs[name];
  const module = { exports: {} };
  cache[name] = module.exports;
  const importDefault = (n) => { const m = load(n); return m && m.default !== undefined ? m.default : m; };
  const importNamespace = (n) => load(n);
  if (d.factory.length <= 6) {
    d.factory(global, importDefault, importDefault, null, module, module.exports);
  } else {
    const extra = d.deps.filter((n) => n === 'invariant').map((n) => importDefault(n));
    d.factory(global, importNamespace, importDefault, importNamespace, null, module, module.exports, ...extra);
  }
  cache[name] = module.exports;
  return module.exports;
}
module.exports = { load };

// Meta's Ajv (WAFlowJSONValidation: allErrors, verbose) and its compiled schema per int version, shared by
// oracle.js and rawajv.js.
const VERSIONS = { '5.1': 501, '6.0': 600, '6.1': 601, '6.2': 602, '6.3': 603, '7.0': 700, '7.1': 701, '7.2': 702, '7.3': 703, '7.4': 704 };
let ajvInstance = null;
const compiledByVersion = {};
function metaValidator(versionText) {
  const v = VERSIONS[versionText];
  if (!v) return null;
  if (!ajvInstance) { const Ajv = require('ajv'); ajvInstance = new Ajv({ allErrors: true, verbose: true }); }
  if (!compiledByVersion[v]) {
    const schema = load('WAFlowJSONRootSchema').getWAFlowJSONDynamicSchema(v);
    compiledByVersion[v] = { version: v, schema, ajv: ajvInstance, validate: ajvInstance.compile(schema) };
  }
  return compiledByVersion[v];
}
// Runs fn(id, text) for each JSONL line {"id","text"} of stdin and prints {"id", ...result} per line.
function eachLine(fn) {
  const rl = require('readline').createInterface({ input: process.stdin });
  rl.on('line', (line) => {
    const c = JSON.parse(line);
    let out;
    try { out = fn(c.text); } catch (e) { out = { throw: String(e && e.message) }; }
    process.stdout.write(JSON.stringify({ id: c.id, ...out }) + '\n');
  });
}
module.exports.metaValidator = metaValidator;
module.exports.eachLine = eachLine;
