// window.obpPage draws the charts and makes the tables sortable: once here, again by the live page (live.js) at each update.
(window.obpPage=function(){
var S=JSON.parse(document.getElementById('summary-data').textContent);
var css=getComputedStyle(document.documentElement);function v(n){return css.getPropertyValue(n).trim();}
var C=[v('--c1'),v('--c2'),v('--c3'),v('--c4'),v('--c5'),v('--c6')];
var marks=(S.timeline&&S.timeline.marks)||{};
var markList=[['first_slow_ms','first slow',v('--c5')],['first_timeout_ms','first timeout',v('--c3')],['stopped_early_ms','stopped early',v('--c4')]]
  .filter(function(m){return typeof marks[m[0]]==='number';});
function axes(){var a={stroke:v('--muted'),grid:{stroke:v('--line'),width:1},ticks:{stroke:v('--line')}};
  return [Object.assign({},a),Object.assign({},a,{size:56})];}
function markPlugin(){return {hooks:{draw:[function(u){var c=u.ctx;c.save();c.lineWidth=2*devicePixelRatio;
  c.font=(11*devicePixelRatio)+'px sans-serif';
  markList.forEach(function(m){var x=u.valToPos(marks[m[0]]/1000,'x',true);if(x<u.bbox.left||x>u.bbox.left+u.bbox.width)return;
  c.strokeStyle=m[2];c.fillStyle=m[2];c.setLineDash([6*devicePixelRatio,4*devicePixelRatio]);c.beginPath();
  c.moveTo(x,u.bbox.top);c.lineTo(x,u.bbox.top+u.bbox.height);c.stroke();c.fillText(m[1],x+4*devicePixelRatio,u.bbox.top+12*devicePixelRatio);});
  c.restore();}]}};}
function width(el){return Math.max(320,Math.min(el.clientWidth||900,1350));}
function count(data){var n=0;for(var i=1;i<data.length;i++)for(var j=0;j<data[i].length;j++)if(data[i][j]!=null)n++;return n;}
function draw(el,opts,data){var n=count(data);el.setAttribute('data-points',String(n));
  if(!n){return null;}return new uPlot(opts,data,el);}
// pool over time
// the sweep's samples only: the axis starts at the sweep's start (calibration's samples, before it, are in the summary)
var series=((S.pool&&S.pool.series)||[]).filter(function(p){return p.t_ms>=0;});var poolEl=document.getElementById('chart-pool');
if(series.length){var t=[],act=[],idle=[],wait=[],max=[],fail=[];
  series.forEach(function(p){t.push(p.t_ms/1000);var ok=p.ok!==false;
    act.push(ok?p.active:null);idle.push(ok?p.idle:null);wait.push(ok?p.waiting:null);max.push(ok?p.max:null);fail.push(ok?null:0);});
  var pa=axes();pa[1].label='connections';pa.push(Object.assign({},axes()[1],{scale:'threads',side:1,label:'threads waiting',grid:{show:false}}));
  draw(poolEl,{width:width(poolEl),height:280,plugins:[markPlugin()],legend:{live:false},
    scales:{x:{time:false,range:function(u,mn,mx){return [0,Math.max(1,mx)];}},y:{range:function(u,mn,mx){return [0,Math.max(1,mx)*1.1];}},threads:{range:function(u,mn,mx){return [0,Math.max(1,mx)*1.1];}}},axes:pa,
    series:[{label:'time (s)'},{label:'active',stroke:C[0],width:2.5},{label:'idle',stroke:C[1],width:1.5},
      {label:'max',stroke:C[3],width:1.5,dash:[8,4]},{label:'waiting threads (right axis)',scale:'threads',stroke:C[2],width:1.5,fill:C[2]+'22'},
      {label:'failed sample',stroke:C[2],width:0,paths:function(){return null;},points:{show:true,size:9,fill:C[2],stroke:C[2]}}]},
    [t,act,idle,max,wait,fail]);}
// latency over time, one chart per group
var groups=(S.timeline&&S.timeline.groups)||[];var latEl=document.getElementById('chart-latency');var total=0;
groups.forEach(function(g,gi){var pts=g.points||[];if(!pts.length)return;var fig=document.createElement('figure');
  fig.className='chart latency-group';var cap=document.createElement('figcaption');cap.textContent=g.group+': p50 and p95 per second (ms)';
  fig.appendChild(cap);latEl.appendChild(fig);
  // A second with no completed request is a gap in the line, not a straight bridge over it.
  var t=[],p50=[],p95=[],fl=[],byS={};pts.forEach(function(p){byS[p.t_s]=p;});
  for(var s=pts[0].t_s;s<=pts[pts.length-1].t_s;s++){var p=byS[s]||{};t.push(s);
    p50.push(p.count?p.p50_ms:null);p95.push(p.count?p.p95_ms:null);fl.push(p.failures?p.p95_ms:null);}
  var u=draw(fig,{width:width(latEl)/(groups.length>1&&latEl.clientWidth>900?2:1)-16,height:220,plugins:[markPlugin()],
    legend:{live:false},scales:{x:{time:false}},axes:axes(),
    series:[{label:'time (s)'},{label:'p50',stroke:C[1],width:1.5,points:{show:true,size:4}},{label:'p95',stroke:C[0],width:2,points:{show:true,size:5}},
      {label:'with failures',stroke:C[2],width:0,paths:function(){return null;},points:{show:true,size:8,fill:C[2],stroke:C[2]}}]},
    [t,p50,p95,fl]);
  total+=Number(fig.getAttribute('data-points'));});
latEl.setAttribute('data-points',String(total));
// trend of the last runs
var trendEl=document.getElementById('chart-trend');var tr=(S.history&&S.history.trend)||[];
if(trendEl&&tr.length>1){var x=[],worst=[],mid=[];var reg=((S.history.endpoints)||[]).filter(function(e){return e.change==='REGRESSION';})
    .map(function(e){return e.name;}).slice(0,4);var regData=reg.map(function(){return [];});
  tr.forEach(function(r,i){x.push(i+1);var vals=Object.keys(r.p95_ms||{}).map(function(k){return r.p95_ms[k];}).sort(function(a,b){return a-b;});
    worst.push(vals.length?vals[vals.length-1]:null);mid.push(vals.length?vals[Math.floor((vals.length-1)/2)]:null);
    reg.forEach(function(n,k){regData[k].push(r.p95_ms&&n in r.p95_ms?r.p95_ms[n]:null);});});
  var ser=[{label:'run'},{label:'slowest endpoint p95',stroke:C[3],width:1.5,dash:[6,4]},{label:'median endpoint p95',stroke:C[1],width:2}];
  reg.forEach(function(n,k){ser.push({label:n,stroke:C[[2,4,5,0][k]],width:2.5});});
  var ax=axes();ax[0].values=function(u,vals){return vals.map(function(x){return Number.isInteger(x)?'#'+x:'';});};
  draw(trendEl,{width:width(trendEl),height:240,legend:{live:false},scales:{x:{time:false}},axes:ax,series:ser},[x,worst,mid].concat(regData));}
// sortable tables
Array.prototype.forEach.call(document.querySelectorAll('table.sortable'),function(tbl){
  var ths=tbl.tHead.rows[0].cells;Array.prototype.forEach.call(ths,function(th,col){th.addEventListener('click',function(){
    var dir=th.getAttribute('aria-sort')==='descending'?'ascending':'descending';
    Array.prototype.forEach.call(ths,function(o){o.removeAttribute('aria-sort');});th.setAttribute('aria-sort',dir);
    var num=th.getAttribute('data-type')!=='text';var body=tbl.tBodies[0];var rows=Array.prototype.slice.call(body.rows);
    rows.sort(function(a,b){var x=a.cells[col],y=b.cells[col];var r;
      if(num){r=parseFloat(x.getAttribute('data-v')||x.textContent)-parseFloat(y.getAttribute('data-v')||y.textContent);}
      else{r=x.textContent.localeCompare(y.textContent);}return dir==='ascending'?r:-r;});
    rows.forEach(function(r){body.appendChild(r);});});});});
document.documentElement.setAttribute('data-ready','1');
})();