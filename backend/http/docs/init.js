// A file rather than an inline script, so the docs page keeps a strict Content-Security-Policy.
window.SwaggerUIBundle({
  url: '../openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  tryItOutEnabled: false,
});
