// Meta's schema pass (Ajv 6.12.6 allErrors+verbose, formatAJVError, deduplicateErrors) on JSONL input:
// each line {"id", "text"}; prints {"id", "errors"|"throw"} per line.
const {load}=require('./loader.js');
const Ajv=require('ajv');
const readline=require('readline');
const root=load('WAFlowJSONRootSchema');
const SV=load('WAFlowJSONSchemaValidator');
const LC=load('WAFlowJSONLineColumnPointerUtil');
const ajv=new Ajv({allErrors:true, verbose:true});
const compiled={};
const VERSIONS={'5.1':501,'6.0':600,'6.1':601,'6.2':602,'6.3':603,'7.0':700,'7.1':701,'7.2':702,'7.3':703,'7.4':704};
const rl=readline.createInterface({input:process.stdin});
rl.on('line',(line)=>{
  const c=JSON.parse(line); let out={id:c.id};
  try {
    const doc=JSON.parse(c.text);
    const v=VERSIONS[doc.version];
    if (!v) { out.skip='version'; }
    else {
      if(!compiled[v]) { const s=root.getWAFlowJSONDynamicSchema(v); compiled[v]={schema:s, validate:ajv.compile(s)}; }
      const ptr=LC.getWAFlowJSONLineColumnPointerData(c.text);
      const validator=new SV.WAFlowJSONSchemaValidator({instance:ajv, validate:compiled[v].validate});
      out.errors=validator.validate(c.text, ptr, v, compiled[v].schema, false);
    }
  } catch(e) { out.throw=String(e && e.message); }
  process.stdout.write(JSON.stringify(out)+'\n');
});
