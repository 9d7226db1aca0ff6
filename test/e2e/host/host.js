// Builds the iframe from ?src= (no inline script: the host page also runs under a CSP).
(function () {
  var params = new URLSearchParams(location.search);
  var src = params.get('src');
  var status = document.getElementById('host-status');
  var slot = document.getElementById('frame-slot');
  var url;
  try {
    url = new URL(src || '', location.href);
  } catch (e) {
    url = null;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    status.textContent = 'thiếu hoặc sai tham số src';
    return;
  }
  var frame = document.createElement('iframe');
  frame.id = 'chiso-frame';
  frame.title = params.get('title') || 'chiso';
  frame.width = params.get('width') || '800';
  frame.height = params.get('height') || '600';
  frame.src = url.href;
  frame.addEventListener('load', function () {
    status.textContent = 'iframe loaded';
    document.body.setAttribute('data-frame-loaded', '1');
  });
  slot.appendChild(frame);
  status.textContent = 'iframe added';
})();
