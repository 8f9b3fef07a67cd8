# One image for every service: `docker run screenalytics:0.1.0 service <decoder|detect-track|embed|assembly>`.
# Build the Maven artifacts first: mvn -B -DskipTests package
FROM eclipse-temurin:17.0.15_6-jre-jammy
WORKDIR /opt/screenalytics
COPY launcher/target/lib/ lib/
COPY launcher/target/screenalytics-launcher.jar screenalytics-launcher.jar
# Models are data, mounted at run time (never baked in, never downloaded): see README "Models".
ENV SCREENALYTICS_MODELS_DIR=/models \
    SCREENALYTICS_STORE_ROOT=/data
ENTRYPOINT ["java", "-XX:+UseContainerSupport", "-XX:MaxRAMPercentage=75", "-jar", "screenalytics-launcher.jar"]
CMD ["--help"]
