#!/usr/bin/env bash
# Writes what the pipeline's deploy stage takes from the build, under the names in
# deploy/Shop.Deploy/Deployment/DeployArtifacts.cs:
#   OUT/BuildOutput/imagedefinitions-<service>.json   every service: [{"name": container, "imageUri": image}], for
#                                                     ECS's standard deploy action
#   OUT/CodeDeploy_<service>/imageDetail.json         each CodeDeploy-deployed service: {"ImageURI": image},
#                           /taskdef.json             its live task definition with the image as <IMAGE1_NAME>,
#                           /appspec.yaml             and the appspec naming its container, port and smoke-test hook
# buildspec.yml runs it once the images are pushed; it runs anywhere with bash, jq and an AWS CLI allowed
# ecs:DescribeTaskDefinition, e.g. to see what a build hands the pipeline:
#   SHOP_PREFIX=shop-prod ECR_REGISTRY=123456789012.dkr.ecr.eu-west-1.amazonaws.com COMMIT=$(git rev-parse HEAD) \
#   SERVICES="gateway catalog" CODEDEPLOY_SERVICES=gateway SMOKE_TEST_FUNCTION_ARN=arn:aws:lambda:... \
#   deploy/build/emit-artifacts.sh /tmp/artifacts
# Environment:
#   SHOP_PREFIX              repositories are <prefix>/<service>, task definition families <prefix>-<service>
#   ECR_REGISTRY             ACCOUNT.dkr.ecr.REGION.amazonaws.com
#   COMMIT                   every image's tag; CODEBUILD_RESOLVED_SOURCE_VERSION when unset
#   SERVICES                 the services, space-separated (buildspec.yml reads them from docker-bake.hcl)
#   CODEDEPLOY_SERVICES      those of them CodeDeploy deploys, space-separated; may be empty
#   SMOKE_TEST_FUNCTION_ARN  the Lambda CodeDeploy calls once test traffic reaches the new tasks (AfterAllowTestTraffic)
# tests/Shop.Deploy.Tests/BuildspecTests.cs runs it with a fake aws.
set -euo pipefail

fail() {
    echo "emit-artifacts.sh: $*" >&2
    exit 1
}

[[ $# -eq 1 ]] || fail "usage: $0 OUTPUT_DIRECTORY"
out=$1

for tool in jq aws; do
    command -v "$tool" > /dev/null || fail "$tool is not on PATH"
done

: "${SHOP_PREFIX:?e.g. shop-prod}"
: "${ECR_REGISTRY:?ACCOUNT.dkr.ecr.REGION.amazonaws.com}"
: "${SERVICES:?the services, space-separated: docker buildx bake -f docker-bake.hcl --print | jq -r '.group.default.targets | join(\" \")'}"
: "${CODEDEPLOY_SERVICES?the services CodeDeploy deploys, space-separated (empty for none)}"
commit=${COMMIT:-${CODEBUILD_RESOLVED_SOURCE_VERSION:-}}
[[ -n $commit ]] || fail "set COMMIT or CODEBUILD_RESOLVED_SOURCE_VERSION (the images' tag)"
[[ $commit =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] || fail "'$commit' is not a valid image tag"
if [[ -n ${CODEDEPLOY_SERVICES//[[:space:]]/} ]]; then
    : "${SMOKE_TEST_FUNCTION_ARN:?the smoke-test Lambda that appspec.yaml hooks in}"
fi

# The placeholders CodePipeline's CodeDeployToECS action fills: the new image in taskdef.json, the task definition
# it registers from that in appspec.yaml.
readonly image_placeholder='<IMAGE1_NAME>'
readonly task_definition_placeholder='<TASK_DEFINITION>'

is_service() {
    local service
    for service in $SERVICES; do
        [[ $service == "$1" ]] && return 0
    done
    return 1
}

image_uri() {
    printf '%s/%s/%s:%s' "$ECR_REGISTRY" "$SHOP_PREFIX" "$1" "$commit"
}

# A JSON string is a YAML double-quoted scalar: quotes whatever an ARN or a name holds.
yaml_string() {
    jq -n --arg value "$1" '$value'
}

# Files of an earlier run into the same folder (say, of a service since removed) must not ship with this one.
mkdir -p "$out/BuildOutput"
rm -f "$out/BuildOutput"/imagedefinitions-*.json
rm -rf "$out"/CodeDeploy_*

for service in $SERVICES; do
    jq -n --arg name "$service" --arg image "$(image_uri "$service")" '[{name: $name, imageUri: $image}]' \
        > "$out/BuildOutput/imagedefinitions-$service.json"
    echo "$out/BuildOutput/imagedefinitions-$service.json"
done

for service in $CODEDEPLOY_SERVICES; do
    is_service "$service" || fail "CodeDeploy service '$service' is not one of SERVICES ($SERVICES)"
    directory="$out/CodeDeploy_$service"
    mkdir -p "$directory"

    jq -n --arg image "$(image_uri "$service")" '{ImageURI: $image}' > "$directory/imageDetail.json"

    # The task definition the CDK app registered (its latest revision), so that CodeDeploy's new revision differs
    # from it only in the image. What ECS sets itself cannot be registered again, so it goes.
    family="$SHOP_PREFIX-$service"
    aws ecs describe-task-definition --task-definition "$family" --output json \
        | jq --arg container "$service" --arg placeholder "$image_placeholder" '
            .taskDefinition
            | del(.taskDefinitionArn, .revision, .status, .requiresAttributes, .compatibilities,
                  .registeredAt, .registeredBy, .deregisteredAt)
            | if any(.containerDefinitions[]; .name == $container) then .
              else error("the task definition has no container named \($container)") end
            | .containerDefinitions |= map(if .name == $container then .image = $placeholder else . end)' \
        > "$directory/taskdef.json"

    # CodeDeploy routes the load balancer's traffic to this container port; taken from the task definition, which the
    # load balancer's target groups were made for.
    port=$(jq -r --arg container "$service" \
        '.containerDefinitions[] | select(.name == $container) | .portMappings[0].containerPort // empty' "$directory/taskdef.json")
    [[ -n $port ]] || fail "container '$service' of task definition $family maps no port"

    cat > "$directory/appspec.yaml" << EOF
version: 0.0
Resources:
  - TargetService:
      Type: AWS::ECS::Service
      Properties:
        TaskDefinition: $task_definition_placeholder
        LoadBalancerInfo:
          ContainerName: $(yaml_string "$service")
          ContainerPort: $port
Hooks:
  - AfterAllowTestTraffic: $(yaml_string "$SMOKE_TEST_FUNCTION_ARN")
EOF
    printf '%s\n' "$directory/imageDetail.json" "$directory/taskdef.json" "$directory/appspec.yaml"
done
