// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// lanescope-gen-job OUT_DIR [--ranks N] [--steps S] [--kernels K] [--slow-compute R]
// [--slow-link R]: writes a synthetic job (synthetic_job.h) for trying the cluster commands, for
// their tests and for measuring them (--kernels: kernels per step, a divisor of 2000).
#include "synthetic_job.h"

#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
    JobSpec spec;
    std::string out;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool hasValue = i + 1 < argc;
        if (arg == "--ranks" && hasValue)
            spec.ranks = std::atoi(argv[++i]);
        else if (arg == "--steps" && hasValue)
            spec.steps = std::atoi(argv[++i]);
        else if (arg == "--kernels" && hasValue)
            spec.kernelsPerStep = std::atoi(argv[++i]);
        else if (arg == "--slow-compute" && hasValue)
            spec.slowComputeRank = std::atoi(argv[++i]);
        else if (arg == "--slow-link" && hasValue)
            spec.slowLinkRank = std::atoi(argv[++i]);
        else if (out.empty() && !arg.starts_with("--"))
            out = arg;
        else
            out.clear(), i = argc;
    }
    if (out.empty() || spec.ranks <= 0 || spec.steps <= 0) {
        std::cerr << "usage: lanescope-gen-job OUT_DIR [--ranks N] [--steps S] [--kernels K]"
                     " [--slow-compute R] [--slow-link R]\n";
        return 1;
    }
    try {
        writeJob(spec, out);
    } catch (const std::exception& error) {
        std::cerr << "lanescope-gen-job: " << error.what() << "\n";
        return 1;
    }
    std::cout << "wrote " << spec.ranks << " ranks to " << out << "\n";
    return 0;
}
