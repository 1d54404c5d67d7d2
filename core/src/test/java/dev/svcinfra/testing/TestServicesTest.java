package dev.svcinfra.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

class TestServicesTest {
  @Test
  void newPostgresDatabaseIsEmptyAndSeparate() throws Exception {
    String a = TestServices.newPostgresDatabase();
    String b = TestServices.newPostgresDatabase();
    assertThat(a).isNotEqualTo(b);
    String jdbc = "jdbc:postgresql://" + a.substring(a.indexOf('@') + 1) + "&user=postgres";
    try (Connection c = DriverManager.getConnection(jdbc);
        ResultSet rs = c.createStatement().executeQuery("select current_database()")) {
      rs.next();
      assertThat(a).contains("/" + rs.getString(1) + "?");
    }
  }

  @Test
  void newMariadbDatabaseExists() throws Exception {
    String url = TestServices.newMariadbDatabase();
    String name = url.substring(url.lastIndexOf('/') + 1);
    try (Connection c =
            DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/" + name + "?user=root");
        ResultSet rs = c.createStatement().executeQuery("select database()")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo(name);
    }
  }
}
