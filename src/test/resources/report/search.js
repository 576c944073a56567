(function(){var el=document.getElementById('chart-search');if(!el||typeof uPlot==='undefined')return;
var S=JSON.parse(document.getElementById('summary-data').textContent);var L=(S.search&&S.search.levels)||[];if(!L.length)return;
var css=getComputedStyle(document.documentElement);function v(n){return css.getPropertyValue(n).trim();}
var x=[],thr=[],p95=[],wait=[];L.forEach(function(l){x.push(l.workers);thr.push(l.throughput_per_s);p95.push(l.p95_ms);
  wait.push(typeof l.pool_max_waiting==='number'?l.pool_max_waiting:null);});
var a={stroke:v('--muted'),grid:{stroke:v('--line'),width:1},ticks:{stroke:v('--line')}};
el.setAttribute('data-points',String(x.length*3));
new uPlot({width:Math.max(320,Math.min(el.clientWidth||900,1350)),height:260,legend:{live:false},
  scales:{x:{time:false,distr:3,log:2},y:{range:function(u,mn,mx){return [0,Math.max(1,mx)*1.1];}},
    ms:{range:function(u,mn,mx){return [0,Math.max(1,mx)*1.1];}}},
  axes:[Object.assign({},a,{label:'workers'}),Object.assign({},a,{size:56,label:'req/s'}),
    Object.assign({},a,{scale:'ms',side:1,size:56,label:'p95 ms / threads waiting',grid:{show:false}})],
  series:[{label:'workers'},{label:'throughput (req/s)',stroke:v('--c1'),width:2.5,points:{show:true,size:6}},
    {label:'p95 (ms, right axis)',scale:'ms',stroke:v('--c3'),width:2,points:{show:true,size:6}},
    {label:'pool waiting (right axis)',scale:'ms',stroke:v('--c4'),width:1.5,dash:[6,4],points:{show:true,size:5}}]},
  [x,thr,p95,wait],el);})();