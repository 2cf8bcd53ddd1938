#pragma once
// The checks that need the whole model: ids unique across the model, every
// reference (a flow's ends, the data a component stores or a flow carries, a
// boundary's members) naming an element that exists, each component and
// boundary inside at most one boundary, and no cycle of nested boundaries.
// Each error names the element at fault by its FILE:LINE:COL.

#include "core/error.h"
#include "threatmodel/model.h"

namespace candor::threatmodel {

core::Status ValidateModel(const Model& model);

}  // namespace candor::threatmodel
