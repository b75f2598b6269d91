import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Response, Router } from 'express';
import { openApiDocument } from './openapi-document.ts';

const swaggerUiDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const ownDir = fileURLToPath(new URL('./api-docs/', import.meta.url));

// Only the files the page loads: not swagger-ui-dist's own index.html, which points at a demo API.
const DOCS_FILES: Record<string, string> = {
  '/': path.join(ownDir, 'index.html'),
  '/api-docs.js': path.join(ownDir, 'api-docs.js'),
  '/api-docs.css': path.join(ownDir, 'api-docs.css'),
  '/swagger-ui.css': path.join(swaggerUiDir, 'swagger-ui.css'),
  '/swagger-ui-bundle.js': path.join(swaggerUiDir, 'swagger-ui-bundle.js'),
};

/**
 * What the API is, for anyone (no sign-in): `/api/openapi.json` (OpenAPI 3.1) and `/api/docs/`,
 * Swagger UI over it. The app's page (/developers/api) shows the same viewer in a frame.
 */
export function apiDescription(): Router {
  const routes = Router();
  routes.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  // `/api/docs` → `/api/docs/`, so the page's relative links resolve inside the folder.
  routes.get('/docs', (req, res, next) => (req.originalUrl.split('?')[0]?.endsWith('/') ? next() : res.redirect(301, '/api/docs/')));
  for (const [route, file] of Object.entries(DOCS_FILES)) {
    routes.get(`/docs${route}`, (_req, res: Response) => {
      res.setHeader('Cache-Control', 'no-cache');
      // pnpm keeps packages under node_modules/.pnpm: a dot folder `send` would otherwise refuse.
      res.sendFile(file, { dotfiles: 'allow' });
    });
  }
  return routes;
}
