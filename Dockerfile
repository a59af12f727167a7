# Marketplace Connect: build with Maven, run on a JRE. Routes and configuration stay outside the jar
# (/app/routes, /app/config) so operators can change them without a rebuild.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
# Warm the dependency layer. go-offline stops at hawtio-springboot's optional hawtio-log modules, which are not
# published; what it fetched before that is kept, and the package step below fetches the rest.
RUN mvn -B -q dependency:go-offline || true
COPY src src
# The jar is target/<finalName>.jar, finalName marketplace-connect in the pom (a test checks the two agree).
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
WORKDIR /app
RUN useradd --system --uid 10001 app && mkdir -p /app/inbox/shipments && chown -R app /app
COPY --from=build /src/target/marketplace-connect.jar /app/marketplace-connect.jar
COPY routes /app/routes
COPY config /app/config
USER app
EXPOSE 8080
# Readiness without curl or wget (not in this image): bash's /dev/tcp.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=10 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200[[:space:]]'"]
# C1 only (-XX:TieredStopAtLevel=1): the service spends its time waiting on HTTP, Kafka and PostgreSQL, not in hot
# loops, and C2's compiling was the largest single CPU cost of a sync cycle or a push burst; C1 alone halved the
# service's CPU per account and per event and took 40-75 MB off its RSS (BENCHMARKS.md). Same flag as the benchmarks
# and as the local run, `mvn spring-boot:test-run` (Spring Boot's optimized launch). JAVA_TOOL_OPTIONS adds or
# overrides options.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:TieredStopAtLevel=1", "-jar", "/app/marketplace-connect.jar"]
