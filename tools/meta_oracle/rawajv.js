// Raw Ajv 6.12.6 errors (allErrors, verbose) of Meta's schemas on JSONL input {"id","text"}.
const {load}=require('./loader.js');
const Ajv=require('ajv');
const readline=require('readline');
const root=load('WAFlowJSONRootSchema');
const ajv=new Ajv({allErrors:true, verbose:true});
const compiled={};
const VERSIONS={'5.1':501,'6.0':600,'6.1':601,'6.2':602,'6.3':603,'7.0':700,'7.1':701,'7.2':702,'7.3':703,'7.4':704};
const rl=readline.createInterface({input:process.stdin});
rl.on('line',(line)=>{
  const c=JSON.parse(line); const out={id:c.id};
  try {
    const doc=JSON.parse(c.text); const v=VERSIONS[doc.version];
    if (!v) out.skip=true; else {
      if(!compiled[v]) compiled[v]=ajv.compile(root.getWAFlowJSONDynamicSchema(v));
      compiled[v](doc);
      out.errors=(compiled[v].errors||[]).map(e=>[e.keyword,e.dataPath,e.schemaPath,e.params,e.message]);
    }
  } catch(e) { out.throw=String(e.message); }
  process.stdout.write(JSON.stringify(out)+'\n');
});
