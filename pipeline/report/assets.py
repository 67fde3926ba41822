"""The inline stylesheet and script of the HTML report (no external resources)."""

from __future__ import annotations

# Highlight colours of the figure families, in the order of report.yaml (background, border).
FAMILY_COLOURS = (
    ("#dbeafe", "#1d4ed8"),
    ("#d1fae5", "#047857"),
    ("#fef3c7", "#b45309"),
    ("#ede9fe", "#6d28d9"),
    ("#e5e7eb", "#4b5563"),
    ("#fce7f3", "#be185d"),
)
# Underline colours of the measure categories, in the order of schema.MEASURE_CATEGORIES.
CATEGORY_COLOURS = (
    "#1d4ed8", "#c2410c", "#15803d", "#7e22ce", "#0f766e", "#92400e",
    "#be185d", "#4d7c0f", "#4338ca", "#0e7490", "#475569", "#a21caf",
)
HEAT_RGB = "29,78,216"

# The comparison charts (pipeline/report/charts.py): a grid per card, bounded in height.
CHARTS_CSS = """
.cmp-box{max-height:760px;overflow:auto}
table.cmp thead th{position:sticky;top:0;z-index:1}
table.cmp tbody th{font-weight:500;max-width:200px;overflow:hidden;text-overflow:ellipsis;background:#fff;
position:sticky;left:0;z-index:0}
table.cmp td.pc,table.cmp th.pc{min-width:128px;width:128px;padding:4px 8px}
.rc,.vc{position:relative;height:14px;background:#eef1f5;border-radius:3px}
.rc .b,.vc .b{position:absolute;left:0;border-radius:0 3px 3px 0}
.rc .b.st{top:1px;height:6px;background:#1d4ed8}
.rc .b.re{top:7px;height:6px;background:#93c5fd}
.rc .b.over{background:var(--err)}
.rc .gap{position:absolute;top:-2px;height:18px;border:2px solid var(--err);border-radius:2px;box-sizing:border-box}
.vc .b{top:2px;height:10px;background:#0f766e}
.pv{font-size:11.5px;color:var(--muted);font-variant-numeric:tabular-nums;white-space:nowrap;margin-top:1px}
.pv .over{color:var(--err);font-weight:700}
.ax{display:flex;justify-content:space-between;font-weight:400;font-size:10.5px;color:var(--muted)}
.ax i{font-style:normal}
label.search{font-size:14px;color:var(--muted)}
label.search input{font:inherit;font-size:14px;padding:4px 8px;margin-left:6px;width:260px;border:1px solid var(--line);
border-radius:4px}
"""

BASE_CSS = """
:root{--ink:#1f2933;--muted:#52606d;--line:#d9dee5;--bg:#f4f6f8;--card:#fff;--accent:#1d4ed8;
--err:#b42318;--err-bg:#fde8e7;--warn:#92400e;--warn-bg:#fef3c7;--info:#1e40af;--info-bg:#e0e7ff;
font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"PingFang SC",
"Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font-size:15px;line-height:1.55}
a{color:var(--accent)}
nav.top{position:sticky;top:0;z-index:10;background:#1f2937;color:#fff;display:flex;gap:18px;
align-items:center;padding:0 24px;height:48px;box-shadow:0 1px 4px rgba(0,0,0,.25)}
nav.top b{font-size:15px;white-space:nowrap}
nav.top a{color:#e5e7eb;text-decoration:none;font-size:14px;white-space:nowrap}
nav.top a:hover,nav.top a:focus{color:#fff;text-decoration:underline}
nav.top select{margin-left:auto;max-width:260px;font:inherit;font-size:13px;padding:3px 6px;border-radius:4px}
main{max-width:1320px;margin:0 auto;padding:8px 24px 64px}
header.page h1{font-size:26px;margin:24px 0 4px}
header.page p{margin:2px 0;color:var(--muted)}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:16px 20px;margin:18px 0}
.card>h2,.doc h2{font-size:19px;margin:0 0 4px}
.hint{color:var(--muted);font-size:13px;margin:0 0 12px}
[id]{scroll-margin-top:64px}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{padding:5px 6px;white-space:nowrap;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{background:#eef1f5;font-weight:600;white-space:nowrap}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
td.over{color:var(--err);font-weight:700}
tbody tr:hover{background:#f7f9fc}
th button{all:unset;cursor:pointer}
th button:focus-visible{outline:2px solid var(--accent)}
th[scope=col]{position:relative;padding-right:16px}
th[scope=col] button::after{position:absolute;right:3px;top:50%;transform:translateY(-50%);font-size:10px;color:#8a94a3}
th[scope=col] button:hover::after{content:"\\2195"}
th[aria-sort=ascending] button::after{content:"\\25B2";color:var(--ink)}
th[aria-sort=descending] button::after{content:"\\25BC";color:var(--ink)}
.badge{display:inline-block;border-radius:10px;padding:0 7px;font-size:12px;font-weight:600;line-height:18px}
.sev-error.badge,.cnt.sev-error{background:var(--err-bg);color:var(--err)}
.sev-warning.badge,.cnt.sev-warning{background:var(--warn-bg);color:var(--warn)}
.sev-info.badge,.cnt.sev-info{background:var(--info-bg);color:var(--info)}
.cnt{display:inline-block;min-width:22px;text-align:center;border-radius:10px;font-weight:600}
.lang{background:#e5e7eb;color:#374151;text-transform:uppercase}
.zero{color:#9aa5b1}
.scroll.tall{max-height:70vh;overflow:auto}
.scroll.tall thead th{position:sticky;top:0;z-index:1}
table.heat{table-layout:fixed}
table.heat td.h{text-align:center;font-variant-numeric:tabular-nums;border:1px solid #fff}
table.heat th.c{white-space:normal;font-size:11.5px;text-align:center;vertical-align:bottom;padding:4px 2px}
table.heat thead th:first-child{width:210px}
table.heat tbody th{font-weight:500;overflow:hidden;text-overflow:ellipsis;background:none}
table.heat td.dark{color:#fff}
.rulebar{display:inline-block;height:10px;background:#94a3b8;border-radius:5px;vertical-align:middle;margin-right:8px}
.legend{display:grid;grid-template-columns:minmax(180px,400px) 1fr;gap:8px;margin:8px 0;font-size:13px}
.legend b{color:var(--muted);font-weight:600}
.chips{display:flex;flex-wrap:wrap;gap:6px 14px;font-size:13px;margin:6px 0}
.card h3{font-size:15px;margin:14px 0 4px}
.doc{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:16px 20px;margin:22px 0}
.doc .meta{color:var(--muted);font-size:13px;margin:2px 0 8px;display:flex;flex-wrap:wrap;gap:4px 18px}
.doc .meta code{color:var(--ink)}
.doc h3{font-size:15px;margin:14px 0 6px}
ol.findings{margin:0;padding-left:22px}
ol.findings li{margin:4px 0}
a.fl{color:var(--ink);text-decoration:none}
a.fl .msg{border-bottom:1px dotted var(--muted)}
a.fl:hover .msg,a.fl:focus .msg{color:var(--accent);border-bottom-color:var(--accent)}
a.fl code{font-size:12.5px;color:var(--muted);margin:0 4px}
ol.findings q{color:var(--muted);font-size:13px}
.ok{color:#047857;margin:0}
details>summary{cursor:pointer;font-weight:600;margin:12px 0 6px;color:var(--ink)}
.text{white-space:pre-wrap;overflow-wrap:anywhere;line-height:1.9;font-size:15px;background:#fbfcfd;
border:1px solid var(--line);border-radius:6px;padding:14px 16px;max-height:none}
.fig{border-radius:3px;padding:1px 1px;border-bottom:2px solid}
.ms{box-shadow:inset 0 -2px 0 var(--u)}
.pb{background:#fff4f2;text-decoration:underline wavy #c2410c;text-decoration-thickness:1px;text-underline-offset:5px}
.pl{background:#f0faf8;text-decoration:underline dashed #0f766e;text-decoration-thickness:1px;text-underline-offset:5px}
.ph{background:#fde047;outline:1px solid #a16207}
.ev{outline:2px dashed var(--err);outline-offset:1px;border-radius:2px}
.ev.sev-warning{outline-color:#b45309}.ev.sev-info{outline-color:var(--info)}
.ev.flash{animation:flash 1.6s ease-out 1}
@keyframes flash{0%,40%{background:#facc15;box-shadow:0 0 0 4px #facc15}100%{background:transparent;box-shadow:none}}
.sw{display:inline-block;padding:0 6px;border-radius:3px;font-size:12.5px}
.top-link{float:right;font-size:12px}
footer{color:var(--muted);font-size:12px;text-align:center;margin-top:32px}
@media print{nav.top{display:none}.doc,.card{break-inside:avoid-page}}
"""

JS = """
(function(){
"use strict";
function reveal(id){
  var el=document.getElementById(id);
  if(!el){return false;}
  for(var p=el.parentElement;p;p=p.parentElement){if(p.tagName==="DETAILS"){p.open=true;}}
  el.scrollIntoView({block:"center",inline:"nearest"});
  var parts=document.querySelectorAll('[data-ev="'+id+'"]');
  Array.prototype.forEach.call(parts,function(x){x.classList.remove("flash");void x.offsetWidth;x.classList.add("flash");});
  window.setTimeout(function(){Array.prototype.forEach.call(parts,function(x){x.classList.remove("flash");});},1700);
  return true;
}
function cellValue(row,i){
  var c=row.cells[i];
  if(!c){return null;}
  var v=c.getAttribute("data-v");
  if(v===null){v=c.textContent.trim();}
  if(v===""){return null;}
  var n=Number(v);
  return isNaN(n)?v.toLowerCase():n;
}
function sortBy(th){
  var table=th.closest("table"),body=table.tBodies[0],i=th.cellIndex;
  var dir=th.getAttribute("aria-sort")==="ascending"?"descending":"ascending";
  Array.prototype.forEach.call(table.querySelectorAll("th[aria-sort]"),function(h){h.removeAttribute("aria-sort");});
  th.setAttribute("aria-sort",dir);
  var sign=dir==="ascending"?1:-1,rows=Array.prototype.slice.call(body.rows);
  rows.forEach(function(r,k){r.setAttribute("data-k",k);});
  rows.sort(function(a,b){
    var x=cellValue(a,i),y=cellValue(b,i);
    if(x===null||y===null){return x===y?0:(x===null?1:-1);}
    if(typeof x!==typeof y){x=String(x);y=String(y);}
    return (x<y?-1:x>y?1:0)*sign||(a.getAttribute("data-k")-b.getAttribute("data-k"));
  });
  rows.forEach(function(r){body.appendChild(r);});
}
document.addEventListener("click",function(e){
  var link=e.target.closest("a.fl");
  if(link&&reveal(link.getAttribute("data-ev"))){e.preventDefault();return;}
  var btn=e.target.closest("th button");
  if(btn){sortBy(btn.closest("th"));}
});
var jump=document.getElementById("jump");
if(jump){jump.addEventListener("change",function(){
  var t=document.getElementById(jump.value);
  if(t){t.scrollIntoView({block:"start"});}
  jump.selectedIndex=0;
});}
var search=document.getElementById("township-search");
if(search){search.addEventListener("input",function(){
  var q=search.value.trim().toLowerCase();
  Array.prototype.forEach.call(document.querySelectorAll("table.cmp tr[data-k]"),function(tr){
    tr.hidden=q?tr.getAttribute("data-k").indexOf(q)<0:!tr.classList.contains("top");
  });
});}
var hash=decodeURIComponent(location.hash.slice(1));
if(hash.indexOf("ev-")===0){reveal(hash);}
})();
"""


def stylesheet() -> str:
    """The whole inline CSS: the base sheet plus one rule per family and category colour."""
    rules = [BASE_CSS.strip(), CHARTS_CSS.strip()]
    for n, (background, border) in enumerate(FAMILY_COLOURS):
        rules.append(f".fam{n}{{background:{background};border-color:{border}}}")
    for n, colour in enumerate(CATEGORY_COLOURS):
        rules.append(f".c{n}{{--u:{colour}}}")
    rules.append(".cx{--u:#9aa5b1}")
    return "\n".join(rules)


def script() -> str:
    return JS.strip()
