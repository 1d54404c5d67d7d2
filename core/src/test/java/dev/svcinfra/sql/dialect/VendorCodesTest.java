package dev.svcinfra.sql.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.sql.dialect.internal.SqlErrorKind;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A classification table maps each vendor code to one kind; a code listed twice is refused. */
class VendorCodesTest {

  @Test
  void eachCodeMapsToItsKind() {
    Map<Integer, SqlErrorKind> table =
        new VendorCodes()
            .put(SqlErrorKind.UNIQUE_VIOLATION, 1062, 1586)
            .put(SqlErrorKind.READ_ONLY, 1792)
            .build();
    assertThat(table)
        .containsOnly(
            Map.entry(1062, SqlErrorKind.UNIQUE_VIOLATION),
            Map.entry(1586, SqlErrorKind.UNIQUE_VIOLATION),
            Map.entry(1792, SqlErrorKind.READ_ONLY));
  }

  @Test
  void aCodeListedUnderTwoKindsIsRefused() {
    VendorCodes codes = new VendorCodes().put(SqlErrorKind.TRANSIENT_CONFLICT, 1213, 1205);
    assertThatThrownBy(() -> codes.put(SqlErrorKind.STATEMENT_TIMEOUT, 3024, 1205))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("vendor code 1205 is listed as TRANSIENT_CONFLICT and as STATEMENT_TIMEOUT");
  }
}
