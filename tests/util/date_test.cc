#include "util/date.h"

#include <doctest/doctest.h>

namespace claimcheck {

TEST_CASE("CivilDate converts to and from days and knows weekdays") {
  CHECK(CivilDate{1970, 1, 1}.ToDays() == 0);
  CHECK(CivilDate{2020, 1, 3}.AddDays(5) == CivilDate{2020, 1, 8});
  CHECK(CivilDate{2020, 2, 28}.AddDays(1) == CivilDate{2020, 2, 29});
  CHECK(CivilDate{2021, 12, 31}.AddDays(1) == CivilDate{2022, 1, 1});
  CHECK(CivilDate{2022, 1, 1}.Weekday() == 5);  // a Saturday
  CHECK(CivilDate{2020, 1, 3}.Weekday() == 4);  // a Friday
  CHECK(CivilDate::FromDays(CivilDate{1600, 3, 1}.ToDays()) == CivilDate{1600, 3, 1});
  CHECK(CivilDate{2020, 1, 3}.ToString() == "2020-01-03");
}

TEST_CASE("ParseMetadataDate reads the dates metadata carries") {
  CHECK(ParseMetadataDate("2021-01-03") == CivilDate{2021, 1, 3});
  CHECK(ParseMetadataDate(" 2019-07-17 12:30:00 ") == CivilDate{2019, 7, 17});
  CHECK(ParseMetadataDate("2013-03-12T04:00:00Z") == CivilDate{2013, 3, 12});
  CHECK(ParseMetadataDate("2013/03/12") == CivilDate{2013, 3, 12});
  CHECK_FALSE(ParseMetadataDate("2013-02-30"));
  CHECK_FALSE(ParseMetadataDate("March 3, 2013"));
  CHECK_FALSE(ParseMetadataDate("2013-03-12x"));
  CHECK_FALSE(ParseMetadataDate(""));
  CHECK_FALSE(ParseIsoDate("2013-03-12T00:00"));
}

}  // namespace claimcheck
