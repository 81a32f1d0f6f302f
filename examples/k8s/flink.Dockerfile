# The Flink image `featc k8s` deploys (--image): Flink 2.2 plus what featc's SQL needs in lib/.
#   docker build -f examples/k8s/flink.Dockerfile -t <registry>/featc-flink:2.2.1 .
# RocksDB, JSON, the Prometheus reporter (plugins/metrics-prometheus) and the S3/GCS/Azure
# filesystems (opt/, enabled per pod through ENABLE_BUILT_IN_PLUGINS) are in the official image.
FROM flink:2.2.1-java17
ADD --chown=flink:flink https://repo1.maven.org/maven2/org/apache/flink/flink-sql-connector-kafka/5.0.0-2.2/flink-sql-connector-kafka-5.0.0-2.2.jar /opt/flink/lib/
# flink-model-openai is not published for 2.2.1; the 2.2.0 jar is what the local stack runs on 2.2.1 too.
ADD --chown=flink:flink https://repo1.maven.org/maven2/org/apache/flink/flink-model-openai/2.2.0/flink-model-openai-2.2.0.jar /opt/flink/lib/
# Flink's SqlDriver (the job's entry class) runs the script with the SQL Gateway's ScriptRunner: on the
# classpath it needs no FLINK_OPT_DIR lookup.
ADD --chown=flink:flink https://repo1.maven.org/maven2/org/apache/flink/flink-sql-gateway/2.2.1/flink-sql-gateway-2.2.1.jar /opt/flink/lib/
