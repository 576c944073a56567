(function(){var d=document.documentElement,n=0;function rec(m){n++;d.setAttribute('data-js-errors',String(n));
d.setAttribute('data-js-error-last',String(m).slice(0,300));}
window.addEventListener('error',function(e){rec(e.message||'error');});
window.addEventListener('unhandledrejection',function(e){rec('unhandled rejection: '+e.reason);});
document.addEventListener('securitypolicyviolation',function(e){rec('blocked request to '+e.blockedURI);});
var ce=console.error;console.error=function(){rec(Array.prototype.join.call(arguments,' '));return ce.apply(console,arguments);};
d.setAttribute('data-js-errors','0');})();