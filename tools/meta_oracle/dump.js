const {load}=require('./loader.js');
const fs=require('fs');
const root=load('WAFlowJSONRootSchema');
fs.mkdirSync(require('path').join(__dirname, 'schemas'),{recursive:true});
for (const v of [501,502,600,601,602,603,700,701,702,703,704]) {
  try { const s=root.getWAFlowJSONDynamicSchema(v); fs.writeFileSync(require('path').join(__dirname, 'schemas', v+'.json'), JSON.stringify(s,null,1)); console.log(v, JSON.stringify(s).length); }
  catch(e){ console.log(v,'ERR',e.stack.split('\n').slice(0,3).join(' | ')); }
}
