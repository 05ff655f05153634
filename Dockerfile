# Multi-stage build: compile API and portal, then run on a slim image against DATABASE_URL.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim
WORKDIR /app
# The heap cap keeps RSS flat (V8 otherwise lets old garbage grow to ~4× the live heap; docs/scaling.md)
ENV NODE_ENV=production PORTAL_DIR=/app/dist/apps/portal/browser NODE_OPTIONS=--max-old-space-size=256
COPY --from=build /app/package.json /app/package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/main.js"]
