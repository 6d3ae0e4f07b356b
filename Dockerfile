# syntax=docker/dockerfile:1.7
# One image recipe for every Warden service: --build-arg MODULE=<service module> picks which.
# Stage 1 builds with the Maven wrapper (dependencies cached across builds by BuildKit); stage 2 is a JRE with
# the jar split into Spring Boot's layers (dependencies first, the service's own classes last), so a code change
# rebuilds and ships only the small top layer.

FROM eclipse-temurin:17-jdk-jammy AS build
ARG MODULE
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY event-contract/ event-contract/
COPY startup-checks/ startup-checks/
COPY service-identity/ service-identity/
COPY service-support/ service-support/
COPY embedded-infra/ embedded-infra/
COPY test-support/ test-support/
COPY gateway/ gateway/
COPY auth-service/ auth-service/
COPY session-service/ session-service/
COPY token-service/ token-service/
COPY notification-service/ notification-service/
COPY audit-service/ audit-service/
COPY launcher/pom.xml launcher/pom.xml
COPY bench/pom.xml bench/pom.xml
COPY examples/security-alerts/pom.xml examples/security-alerts/pom.xml
RUN --mount=type=cache,target=/root/.m2 \
    test -n "${MODULE}" \
    && ./mvnw -B -ntp -q -pl "${MODULE}" -am package -DskipTests \
    && mkdir /layers \
    && java -Djarmode=tools -jar "${MODULE}"/target/"${MODULE}"-*.jar extract --layers --launcher --destination /layers

FROM eclipse-temurin:17-jre-jammy
# curl answers the compose health checks; nothing else is added.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl=7.81.* \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 warden \
    && useradd --system --uid 10001 --gid warden --home-dir /app --shell /usr/sbin/nologin warden
WORKDIR /app
COPY --from=build --chown=warden:warden /layers/dependencies/ ./
COPY --from=build --chown=warden:warden /layers/spring-boot-loader/ ./
COPY --from=build --chown=warden:warden /layers/snapshot-dependencies/ ./
COPY --from=build --chown=warden:warden /layers/application/ ./
USER 10001:10001
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
