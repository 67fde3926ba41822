"""The report's review controls: dismiss a finding, mark a figure wrong, download the corrections file built in the browser."""

from __future__ import annotations

import json
from typing import Mapping

from pipeline.lexicon import ResourceModel, load_resource
from pipeline.schema import Record


class ReviewLabels(ResourceModel):
    """pipeline/resources/<lang>/review.yaml."""

    panel: str
    download: str
    dismiss: str
    reason: str
    default_reason: str
    figures: str
    indicator: str
    not_a_figure: str
    corrected: str


REVIEW_CSS = """
.review-panel{position:fixed;right:12px;bottom:12px;background:#fff;border:1px solid #9aa5b1;border-radius:6px;
padding:6px 10px;box-shadow:0 2px 6px rgba(0,0,0,.15);z-index:20;font-size:13px}
.review-panel button{margin-left:6px}
label.review{margin-left:8px;font-size:12px;color:#52606d}
label.review input.reason{width:14em;font-size:12px}
details.review-figures{margin:6px 0;font-size:13px}
details.review-figures input.indicator{width:14em;font-size:12px}
.corrected{color:#0b6e4f;font-size:12px}
"""

REVIEW_JS = r"""
(function(){
var block=document.getElementById("pm-review");
if(!block){return;}
var data=JSON.parse(block.textContent), ui=data.labels, entries={};
var panel=document.createElement("div"), count=document.createElement("b"), button=document.createElement("button");
panel.className="review-panel";panel.id="pm-review-panel";button.id="pm-download";button.type="button";
button.textContent=ui.download;panel.append(ui.panel+": ",count,button);document.body.appendChild(panel);
function refresh(){var n=Object.keys(entries).length;count.textContent=String(n);button.disabled=n===0;}
function mark(key,entry,on){if(on){entries[key]=entry;}else{delete entries[key];}refresh();}
function where(doc,item){return {file:doc.file,source:doc.source,start:item.start,end:item.end,surface:item.surface};}
function dismissal(doc,li,f){
  var label=document.createElement("label"),box=document.createElement("input"),reason=document.createElement("input");
  label.className="review";box.type="checkbox";box.className="dismiss";reason.type="text";reason.className="reason";
  reason.placeholder=ui.reason;
  var key=["d",doc.file,f.rule,f.start,f.end].join(":");
  function update(){var e=where(doc,f);e.action="dismiss";e.rule=f.rule;e.reason=reason.value.trim()||ui.default_reason;
    mark(key,e,box.checked);}
  box.addEventListener("change",update);reason.addEventListener("input",function(){if(reason.value.trim()){box.checked=true;}update();});
  label.append(box," "+ui.dismiss+" ",reason);li.appendChild(label);
}
function figure(doc,list,f){
  var li=document.createElement("li"),box=document.createElement("input"),code=document.createElement("code"),
      name=document.createElement("input");
  box.type="checkbox";box.className="wrong";code.textContent=f.surface;name.type="text";name.className="indicator";
  name.value=f.indicator||"";name.placeholder=ui.indicator;
  var key=["f",doc.file,f.start,f.end].join(":");
  function update(){var e=where(doc,f),chosen=name.value.trim();
    if(chosen===(f.indicator||"")){e.action="remove_fact";e.reason=ui.not_a_figure;}
    else{e.action="set_fact";e.set={indicator:chosen||null};}
    mark(key,e,box.checked);}
  box.addEventListener("change",update);name.addEventListener("input",function(){box.checked=name.value.trim()!==(f.indicator||"");update();});
  li.append(box," ",code," ",name);
  if(f.corrected){var done=document.createElement("span");done.className="corrected";done.textContent=" "+ui.corrected;li.appendChild(done);}
  list.appendChild(li);
}
Object.keys(data.docs).forEach(function(n){
  var doc=data.docs[n],article=document.getElementById("doc-"+n);
  if(!article){return;}
  if(doc.corrections){var note=document.createElement("p");note.className="corrected";
    note.textContent=ui.corrected+": "+doc.corrections;article.insertBefore(note,article.querySelector("h3"));}
  var items=article.querySelectorAll("ol.findings > li");
  doc.findings.forEach(function(f,k){if(items[k]){dismissal(doc,items[k],f);}});
  if(!doc.facts.length){return;}
  var details=document.createElement("details"),summary=document.createElement("summary"),list=document.createElement("ol");
  details.className="review-figures";summary.textContent=ui.figures+" ("+doc.facts.length+")";
  details.append(summary,list);doc.facts.forEach(function(f){figure(doc,list,f);});
  article.insertBefore(details,article.querySelector("details"));
});
button.addEventListener("click",function(){
  var list=Object.keys(entries).sort().map(function(k){return entries[k];});
  var text=JSON.stringify({version:1,entries:list},null,1)+"\n";
  var link=document.createElement("a");
  link.href=URL.createObjectURL(new Blob([text],{type:"application/yaml"}));link.download="corrections.yaml";
  document.body.appendChild(link);link.click();link.remove();
});
refresh();
})();
"""


def _document(record: Record, text: str, digest: str) -> dict:
    return {"file": digest, "source": record.source,
            "findings": [{"rule": f.rule, "start": f.start, "end": f.end, "surface": text[f.start:f.end]}
                         for f in record.findings],
            "facts": [{"start": f.start, "end": f.end, "surface": f.surface, "indicator": f.indicator,
                       "corrected": "corrected" in f.flags} for f in record.facts],
            "corrections": len(record.corrections)}


def review_block(documents: Mapping[int, tuple[Record, str]], hashes: Mapping[str, str] | None, lang: str) -> str:
    """The JSON the review script reads (documents shown in full whose file's hash is known), as a
    data block that no browser runs; empty without hashes. The corrections it builds are JSON,
    which is YAML: the file downloaded is read as corrections.yaml."""
    if not hashes:
        return ""
    docs = {str(n): _document(record, text, hashes[record.source])
            for n, (record, text) in sorted(documents.items()) if record.source in hashes}
    labels = load_resource(lang if lang in ("zh", "en") else "en", "review", ReviewLabels).model_dump()
    payload = json.dumps({"labels": labels, "docs": docs}, ensure_ascii=False)
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="pm-review">{payload}</script>'
