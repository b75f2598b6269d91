// Renders /api/openapi.json with Swagger UI, from our own origin: no CDN, and no spec sent to the
// public validator (validatorUrl: null). A file, not an inline script: the CSP allows 'self' only.
window.addEventListener('load', () => {
  window.ui = window.SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#swagger-ui',
    validatorUrl: null,
    deepLinking: true,
    docExpansion: 'list',
    defaultModelsExpandDepth: 0,
  });
});
