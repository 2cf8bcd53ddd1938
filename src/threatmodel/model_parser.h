#pragma once
// The native threat model, `.candor/threatmodel.yaml` (docs/threat-modelling.md),
// read into a Model. Every key and value is checked as it is read; what is
// wrong is reported at FILE:LINE:COL. References between elements are checked
// afterwards by ValidateModel (validate.h), which ParseNativeModel also runs.

#include <string_view>

#include "core/error.h"
#include "threatmodel/model.h"

namespace candor::threatmodel {

// Words the model uses for authentication and authorization, shared with the
// importers so every format ends up with the same vocabulary.
extern const std::initializer_list<std::string_view> kAuthenticationNames;
extern const std::initializer_list<std::string_view> kAuthorizationNames;

// Ids are what threat ids are built from ("rule@element"): letters, digits,
// '-', '_', '.', ':' and '/', at most 120 characters.
bool ValidElementId(std::string_view id);

// Whether traffic over `protocol` is encrypted when the model does not say.
bool ProtocolEncrypts(std::string_view protocol);

core::Result<Model> ParseNativeModel(std::string_view yaml_text, std::string_view file_name);

}  // namespace candor::threatmodel
