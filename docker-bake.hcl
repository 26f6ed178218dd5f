# Every image of the shop from the one Dockerfile, for linux/amd64 and linux/arm64 (the SDK stage runs on the
# build machine's platform and cross-compiles; nothing is emulated).
#   docker buildx bake --push                                      both platforms, to REGISTRY (a multi-platform
#                                                                  builder: docker buildx create --use)
#   docker buildx bake --set '*.platform=linux/amd64' --load       one platform, into the local engine
#   REGISTRY=123456789012.dkr.ecr.us-east-1.amazonaws.com/shop TAG=$(git rev-parse --short HEAD) docker buildx bake --push
# tests/Shop.Contracts.Tests (BakeFileTests) checks that the images here are the services of the service list.

variable "REGISTRY" {
  default = "shop"
}

variable "TAG" {
  default = "dev"
}

group "default" {
  targets = ["gateway", "catalog", "basket", "ordering", "payment", "notification"]
}

target "service" {
  name = service.name
  matrix = {
    service = [
      { name = "gateway", project = "gateway/Shop.Gateway" },
      { name = "catalog", project = "services/catalog/Shop.Catalog" },
      { name = "basket", project = "services/basket/Shop.Basket" },
      { name = "ordering", project = "services/ordering/Shop.Ordering" },
      { name = "payment", project = "services/payment/Shop.Payment" },
      { name = "notification", project = "services/notification/Shop.Notification" },
    ]
  }
  context    = "."
  dockerfile = "Dockerfile"
  args = {
    PROJECT = service.project
  }
  platforms = ["linux/amd64", "linux/arm64"]
  tags      = ["${REGISTRY}/${service.name}:${TAG}"]
}
