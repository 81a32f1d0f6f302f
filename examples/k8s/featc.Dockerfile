# The image whose entrypoint is featc (--featc-image): the Redis sink and the inference gateway.
#   docker build -f examples/k8s/featc.Dockerfile -t <registry>/featc:0.1.0 .
FROM node:20-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends build-essential python3 libssl-dev zlib1g-dev libsasl2-dev libzstd-dev liblz4-dev libcurl4-openssl-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# @confluentinc/kafka-javascript builds librdkafka against the system libraries (docs: ENVIRONMENT.md).
RUN CKJS_LINKING=dynamic npm ci --omit=dev --no-fund --no-audit
COPY bin bin
COPY cli cli
COPY compiler compiler
COPY dsl dsl
COPY flink-deploy flink-deploy
COPY runtime runtime
COPY testing testing
COPY tsconfig.json ./

FROM node:20-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends libssl3 zlib1g libsasl2-2 libzstd1 liblz4-1 libcurl4 \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app /app
USER node
ENTRYPOINT ["node", "/app/bin/featc.js"]
