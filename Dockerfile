# One image for every service; docker-compose.yml picks the service with SERVICE.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/tools/run-service.js /app/tools/register-paths.js ./tools/
COPY --from=build /app/tsconfig.base.json /app/package.json ./
COPY --from=build /app/apps ./apps
COPY --from=build /app/libs/working-calendar/calendar ./libs/working-calendar/calendar
ARG SERVICE=intake
ENV SERVICE=${SERVICE}
USER node
CMD ["sh", "-c", "exec node tools/run-service.js \"$SERVICE\""]
