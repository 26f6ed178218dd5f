# One Dockerfile for every service and the gateway; PROJECT is the folder of the project to publish.
#   docker buildx bake                (every image, for linux/amd64 and linux/arm64: docker-bake.hcl)
#   docker build --network host --build-arg PROJECT=services/ordering/Shop.Ordering -t shop/ordering .
# Build context: the repository root. Needs BuildKit (docker buildx, docker compose v2): it sets BUILDPLATFORM
# and TARGETARCH, so the SDK stage runs natively and cross-compiles for the target architecture.

FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG PROJECT
ARG TARGETARCH
ARG READY_TO_RUN=false
RUN test -n "$PROJECT" || { echo "Set the PROJECT build argument, e.g. services/ordering/Shop.Ordering" >&2; exit 1; }
WORKDIR /src

COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY services/Shop.ServiceDefaults/ services/Shop.ServiceDefaults/
COPY services/Shop.Contracts/ services/Shop.Contracts/
COPY services/Shop.Messaging/ services/Shop.Messaging/
COPY services/Shop.Messaging.Postgres/ services/Shop.Messaging.Postgres/
COPY services/Shop.Messaging.DynamoDb/ services/Shop.Messaging.DynamoDb/
COPY services/Shop.Data/ services/Shop.Data/
COPY ${PROJECT}/ ${PROJECT}/

# The package cache outlives builds; concurrent builds (compose, bake) take turns with it.
# No ReadyToRun by default: it would double the application layer (EF Core and Npgsql alone grow from 7 to 18 MB)
# and take the database-backed images past 150 MB on arm64, for memory that the runtime settings in
# docker-compose.yml save anyway (README "Images" and "Memory"). READY_TO_RUN=true adds it, for a faster start.
# The executable is renamed so that the image's entry point and health check are the same for every service (it
# still loads the assembly whose name it was built with).
RUN --mount=type=cache,id=shop-nuget,sharing=locked,target=/root/.nuget/packages \
    dotnet publish "$PROJECT" -c Release -a "$TARGETARCH" -p:PublishReadyToRun="$READY_TO_RUN" -p:SatelliteResourceLanguages=en -o /app \
    && mv "/app/$(basename "$PROJECT")" /app/service

# No shell, no package manager, no SDK; runs as the non-root user `app`. Health: `/app/service --probe URL`
# (compose), or HTTP /health/* from the platform (ECS, Kubernetes).
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled AS final
WORKDIR /app
COPY --from=build /app .
USER $APP_UID
EXPOSE 8080
ENV ASPNETCORE_HTTP_PORTS=8080
ENTRYPOINT ["/app/service"]
