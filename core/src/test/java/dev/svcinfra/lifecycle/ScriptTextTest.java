package dev.svcinfra.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScriptTextTest {
  @Test
  void guardStopsDatabaseSwitchesButNotCopyData() {
    ScriptGuard guard = new ScriptGuard();
    assertThat(guard.refuse("COPY public.t (a) FROM stdin;")).isEmpty();
    assertThat(guard.refuse("DROP DATABASE looks like data")).isEmpty();
    assertThat(guard.refuse("\\.")).isEmpty();
    assertThat(guard.refuse("\\restrict abc")).isEmpty();
    assertThat(guard.refuse("\\connect live"))
        .hasValueSatisfying(why -> assertThat(why).contains("line 5").contains("\\connect live"));
    assertThat(new ScriptGuard().refuse("DROP DATABASE IF EXISTS live;")).isPresent();
    assertThat(new ScriptGuard().refuse("create database live;")).isPresent();
    assertThat(new ScriptGuard().refuse("ATTACH DATABASE 'live.db' AS l;")).isPresent();
    assertThat(new ScriptGuard().refuse("CREATE TABLE databases (id int);")).isEmpty();
  }
}
