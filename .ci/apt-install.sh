#!/usr/bin/env bash
# Sourced by the install scripts of .ci/: apt_install PACKAGE... installs Debian packages without
# their Recommends, quietly, through sudo unless already root.
apt_install() {
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        sudo="sudo"
    fi
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
