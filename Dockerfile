# One image for every service: `docker run screenalytics:0.1.0 service <decoder|detect-track|embed|assembly>`,
# and `docker run screenalytics:0.1.0 topics` to create the catalogue's topics and register the schemas.
# The entrypoint is the launcher (`java -jar screenalytics-launcher.jar <command>`), whose manifest puts lib/*.jar on
# the class path. Build the Maven artifacts first: mvn -B -DskipTests package
FROM eclipse-temurin:17.0.15_6-jre-jammy
WORKDIR /opt/screenalytics
COPY launcher/target/lib/ lib/
COPY launcher/target/screenalytics-launcher.jar screenalytics-launcher.jar
# Models are data, mounted at run time (never baked in, never downloaded): see README "Models".
# Settings come from SCREENALYTICS_* variables (SCREENALYTICS_EMBED_CPU_QUOTA=0.5 sets embed.cpu.quota); the JVM
# sizes its own GC and JIT threads from the container's CPU limit. /metrics, /ready and /live are served on
# SCREENALYTICS_METRICS_PORT when it is set (9404 in docker-compose.yml and deploy/k8s).
ENV SCREENALYTICS_MODELS_DIR=/models \
    SCREENALYTICS_STORE_ROOT=/data
EXPOSE 9404
# exec form: java is PID 1 and gets SIGTERM, on which a service stops its loops, flushes and commits
ENTRYPOINT ["java", "-XX:+UseContainerSupport", "-XX:MaxRAMPercentage=75", "-jar", "screenalytics-launcher.jar"]
CMD ["--help"]
