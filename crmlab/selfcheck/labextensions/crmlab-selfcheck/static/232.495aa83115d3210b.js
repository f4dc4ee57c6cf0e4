"use strict";(self.rspackChunkcrmlab_selfcheck=self.rspackChunkcrmlab_selfcheck||[]).push([[232],{475(e,r,t){var o=t(601),n=t.n(o),a=t(314),c=(t.n(a))()(n());c.push([e.id,`.crmlab-SelfCheck {
  padding: 8px 12px;
  overflow-y: auto;
  background: var(--jp-layout-color1);
  color: var(--jp-ui-font-color1);
  font-size: var(--jp-ui-font-size1);
  line-height: 1.5;
  min-width: 240px;
}

.crmlab-SelfCheck-title {
  font-size: var(--jp-ui-font-size3);
  margin: 4px 0 8px;
}

.crmlab-SelfCheck-notebook {
  color: var(--jp-ui-font-color2);
}

.crmlab-SelfCheck-summary {
  font-weight: bold;
  font-size: var(--jp-ui-font-size2);
}

.crmlab-SelfCheck-summary.crmlab-mod-passed {
  color: var(--jp-success-color1);
}

.crmlab-SelfCheck-wait {
  font-size: var(--jp-ui-font-size2);
}

.crmlab-SelfCheck-task {
  font-weight: bold;
  margin-top: 10px;
}

.crmlab-SelfCheck-checks,
.crmlab-SelfCheck-notes {
  margin: 4px 0;
  padding-left: 0;
  list-style: none;
}

.crmlab-SelfCheck-checks li,
.crmlab-SelfCheck-notes li {
  margin: 4px 0;
}

.crmlab-SelfCheck-status {
  display: inline-block;
  min-width: 3.5em;
  margin-right: 6px;
  padding: 0 4px;
  border-radius: 3px;
  text-align: center;
  color: white;
}

.crmlab-mod-passed .crmlab-SelfCheck-status {
  background: var(--jp-success-color1);
}

.crmlab-mod-failed .crmlab-SelfCheck-status {
  background: var(--jp-error-color1);
}

.crmlab-SelfCheck-message {
  margin: 2px 0 0 1em;
  color: var(--jp-error-color1);
}

.crmlab-SelfCheck-problem {
  color: var(--jp-error-color1);
}

.crmlab-SelfCheck-hint {
  color: var(--jp-ui-font-color2);
}

.crmlab-AssignmentNote {
  padding: 16px 24px;
  max-width: 48em;
  font-size: var(--jp-content-font-size1);
  line-height: 1.7;
  color: var(--jp-content-font-color1);
  overflow-y: auto;
}
`,""]),t.d(r,{},{A:c})},314(e){e.exports=function(e){var r=[];return r.toString=function(){return this.map(function(r){var t="",o=void 0!==r[5];return r[4]&&(t+="@supports (".concat(r[4],") {")),r[2]&&(t+="@media ".concat(r[2]," {")),o&&(t+="@layer".concat(r[5].length>0?" ".concat(r[5]):""," {")),t+=e(r),o&&(t+="}"),r[2]&&(t+="}"),r[4]&&(t+="}"),t}).join("")},r.i=function(e,t,o,n,a){"string"==typeof e&&(e=[[null,e,void 0]]);var c={};if(o)for(var i=0;i<this.length;i++){var l=this[i][0];null!=l&&(c[l]=!0)}for(var s=0;s<e.length;s++){var p=[].concat(e[s]);o&&c[p[0]]||(void 0!==a&&(void 0===p[5]||(p[1]="@layer".concat(p[5].length>0?" ".concat(p[5]):""," {").concat(p[1],"}")),p[5]=a),t&&(p[2]&&(p[1]="@media ".concat(p[2]," {").concat(p[1],"}")),p[2]=t),n&&(p[4]?(p[1]="@supports (".concat(p[4],") {").concat(p[1],"}"),p[4]=n):p[4]="".concat(n)),r.push(p))}},r}},601(e){e.exports=function(e){return e[1]}},72(e){var r=[];function t(e){for(var t=-1,o=0;o<r.length;o++)if(r[o].identifier===e){t=o;break}return t}function o(e,o){for(var n={},a=[],c=0;c<e.length;c++){var i=e[c],l=o.base?i[0]+o.base:i[0],s=n[l]||0,p="".concat(l," ").concat(s);n[l]=s+1;var u=t(p),f={css:i[1],media:i[2],sourceMap:i[3],supports:i[4],layer:i[5]};if(-1!==u)r[u].references++,r[u].updater(f);else{var d=function(e,r){var t=r.domAPI(r);return t.update(e),function(r){r?(r.css!==e.css||r.media!==e.media||r.sourceMap!==e.sourceMap||r.supports!==e.supports||r.layer!==e.layer)&&t.update(e=r):t.remove()}}(f,o);o.byIndex=c,r.splice(c,0,{identifier:p,updater:d,references:1})}a.push(p)}return a}e.exports=function(e,n){var a=o(e=e||[],n=n||{});return function(e){e=e||[];for(var c=0;c<a.length;c++){var i=t(a[c]);r[i].references--}for(var l=o(e,n),s=0;s<a.length;s++){var p=t(a[s]);0===r[p].references&&(r[p].updater(),r.splice(p,1))}a=l}}},659(e){var r={};e.exports=function(e,t){var o=function(e){if(void 0===r[e]){var t=document.querySelector(e);if(window.HTMLIFrameElement&&t instanceof window.HTMLIFrameElement)try{t=t.contentDocument.head}catch(e){t=null}r[e]=t}return r[e]}(e);if(!o)throw Error("Couldn't find a style target. This probably means that the value for the 'insert' parameter is invalid.");o.appendChild(t)}},540(e){e.exports=function(e){var r=document.createElement("style");return e.setAttributes(r,e.attributes),e.insert(r,e.options),r}},56(e,r,t){e.exports=function(e){var r=t.nc;r&&e.setAttribute("nonce",r)}},825(e){e.exports=function(e){if("u"<typeof document)return{update:function(){},remove:function(){}};var r=e.insertStyleElement(e);return{update:function(t){var o,n,a;o="",t.supports&&(o+="@supports (".concat(t.supports,") {")),t.media&&(o+="@media ".concat(t.media," {")),(n=void 0!==t.layer)&&(o+="@layer".concat(t.layer.length>0?" ".concat(t.layer):""," {")),o+=t.css,n&&(o+="}"),t.media&&(o+="}"),t.supports&&(o+="}"),(a=t.sourceMap)&&"u">typeof btoa&&(o+="\n/*# sourceMappingURL=data:application/json;base64,".concat(btoa(unescape(encodeURIComponent(JSON.stringify(a))))," */")),e.styleTagTransform(o,r,e.options)},remove:function(){var e;null===(e=r).parentNode||e.parentNode.removeChild(e)}}}},113(e){e.exports=function(e,r){if(r.styleSheet)r.styleSheet.cssText=e;else{for(;r.firstChild;)r.removeChild(r.firstChild);r.appendChild(document.createTextNode(e))}}},579(e,r,t){var o=t(72),n=t.n(o),a=t(825),c=t.n(a),i=t(659),l=t.n(i),s=t(56),p=t.n(s),u=t(540),f=t.n(u),d=t(113),m=t.n(d),h=t(475),v={};v.styleTagTransform=m(),v.setAttributes=p(),v.insert=l().bind(null,"head"),v.domAPI=c(),v.insertStyleElement=f(),n()(h.A,v),h.A&&h.A.locals&&h.A.locals}}]);