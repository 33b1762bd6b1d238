# `sam build` runs one target per function of template.yaml (Metadata: BuildMethod: makefile), in a copy of this
# directory, with ARTIFACTS_DIR naming a fresh directory. Each target builds the function's Maven module and the
# modules it needs, and unpacks the module's shaded jar there: Lambda's Java runtime loads classes from the root
# of the artifact. SAM's own Maven workflow builds single-module projects only.
MVN ?= ./mvnw -B -q -DskipTests

# $(1): the module under functions/
define lambda_artifact
	$(MVN) -pl functions/$(1) -am package
	cd "$(ARTIFACTS_DIR)" && jar xf "$(CURDIR)"/functions/$(1)/target/$(1)-*-lambda.jar
endef

build-SplitterFunction:
	$(call lambda_artifact,splitter)

build-WorkerFunction build-DeadLetterFunction:
	$(call lambda_artifact,worker)

build-AggregatorFunction build-SweeperFunction:
	$(call lambda_artifact,aggregator)

.PHONY: build-SplitterFunction build-WorkerFunction build-DeadLetterFunction build-AggregatorFunction build-SweeperFunction
