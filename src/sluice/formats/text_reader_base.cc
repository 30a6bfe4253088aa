#include "sluice/formats/text_reader_base.h"

#include "sluice/io/file.h"

namespace sluice::formats {

Result<BufferPtr> MapWholeFile(const std::string& path) {
  SLUICE_ASSIGN_OR_RETURN(auto file, io::OpenLocalFile(path));
  return file->ReadAt(0, file->Size());
}

}  // namespace sluice::formats
