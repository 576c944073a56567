// The live page (report/LiveDashboard): each update replaces <main> and the embedded summary, then page.js draws
// again (window.obpPage); at the end the final verdict page replaces the whole document. Stop POSTs to the
// page's own server, under the token in the page's address.
(function(){
var root=document.documentElement,n=0;
function apply(d){var main=document.querySelector('main');var open={};
  Array.prototype.forEach.call(main.querySelectorAll('details[id]'),function(e){if(e.open)open[e.id]=1;});
  main.innerHTML=d.main;
  Object.keys(open).forEach(function(id){var e=document.getElementById(id);if(e)e.open=true;});
  document.getElementById('summary-data').textContent=JSON.stringify(d.summary);document.title=d.title;
  if(window.obpPage)window.obpPage();n++;root.setAttribute('data-updates',String(n));}
var es=new EventSource('events');
es.addEventListener('open',function(){root.setAttribute('data-stream','open');});
es.addEventListener('state',function(e){apply(JSON.parse(e.data));});
es.addEventListener('final',function(e){es.close();var page=JSON.parse(e.data).page;
  document.open();document.write(page);document.close();document.documentElement.setAttribute('data-final','1');});
es.addEventListener('error',function(){root.setAttribute('data-stream','lost');var p=document.getElementById('live-phase');
  if(p)p.textContent='no contact with the run (it ended, or stopped): its verdict page is written beside its summary';});
document.addEventListener('click',function(e){var b=e.target.closest&&e.target.closest('#stop-button');if(!b)return;
  b.disabled=true;b.textContent='Stopping…';
  fetch('stop',{method:'POST',cache:'no-store'}).then(function(r){root.setAttribute('data-stop',String(r.status));},
    function(){root.setAttribute('data-stop','failed');});});
})();
