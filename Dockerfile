# Marketplace Connect: build with Maven, run on a JRE. Routes and configuration stay outside the jar
# (/app/routes, /app/config) so operators can change them without a rebuild.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline || true
COPY src src
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
WORKDIR /app
RUN useradd --system --uid 10001 app && mkdir -p /app/inbox/shipments && chown -R app /app
COPY --from=build /src/target/marketplace-connect.jar /app/marketplace-connect.jar
COPY routes /app/routes
COPY config /app/config
USER app
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/marketplace-connect.jar"]
