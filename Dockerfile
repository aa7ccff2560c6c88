# syntax=docker/dockerfile:1
# swiftlet's image: one binary for the controller, the scorer and the router.
#
#   docker build -t ghcr.io/swiftlet/swiftlet:0.1.0 .                        # the default (last) stage: runtime
#   docker build -t ghcr.io/swiftlet/swiftlet:0.1.0-python --target python .   # + Python 3.11, for score.py models
#
# Runtime libraries: the binary is linked with --static-swift-stdlib, so the Swift runtime, Foundation (and its ICU
# data), Dispatch, NIO and BoringSSL (swift-nio-ssl, swift-crypto) are inside it. On the development machine
# (Debian 12, Swift 6.3.1) `swift build -c release --static-swift-stdlib --product swiftlet` then
# `ldd .build/release/swiftlet` (and readelf -d, NEEDED) showed exactly:
#   libsqlite3.so.0 (the embedded API server's storage), libstdc++.so.6, libgcc_s.so.1, libz.so.1, libm.so.6,
#   libc.so.6, ld-linux-x86-64.so.2
# so the final stages install libsqlite3-0, libstdc++6, zlib1g (libgcc-s1 and libc6 are in every Debian base).
# The binary is 176 MB with symbols (kept for crash backtraces); `strip` makes it 86 MB.
# Loaded at run time when present (dlopen), not required: libopenblas.so.0 (the ONNX kernels' BLAS; without it
# the built-in SIMD kernels run) and libcuda.so.1 (device probing). ca-certificates: HTTPS model downloads.

ARG SWIFT_VERSION=6.3
ARG DEBIAN_RELEASE=bookworm

FROM swift:${SWIFT_VERSION}-${DEBIAN_RELEASE} AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends libsqlite3-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# .build is a cache mount (kept between builds); the binary is copied out of it in the same step.
RUN --mount=type=cache,target=/src/.build \
    swift build -c release --static-swift-stdlib --product swiftlet \
    && install -D -m 0755 "$(swift build -c release --static-swift-stdlib --show-bin-path)/swiftlet" /out/swiftlet

# For models with a Python entry script (score.py): the scorer starts `python3` worker processes. Packages the
# script imports (numpy, scikit-learn, ...) go in an image built FROM this one.
FROM python:3.11-slim-${DEBIAN_RELEASE} AS python
RUN apt-get update \
    && apt-get install -y --no-install-recommends libsqlite3-0 libstdc++6 zlib1g ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/swiftlet /usr/local/bin/swiftlet
USER 65532:65532
ENTRYPOINT ["swiftlet"]

# The default image: ONNX models, the controller and the router.
FROM debian:${DEBIAN_RELEASE}-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends libsqlite3-0 libstdc++6 zlib1g ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/swiftlet /usr/local/bin/swiftlet
USER 65532:65532
ENTRYPOINT ["swiftlet"]
