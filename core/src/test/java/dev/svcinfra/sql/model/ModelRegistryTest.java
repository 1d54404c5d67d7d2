package dev.svcinfra.sql.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.config.ConfigException;
import dev.svcinfra.config.Env;
import dev.svcinfra.config.ModelDiscoverySettings;
import dev.svcinfra.sql.model.discovered.Gadget;
import dev.svcinfra.sql.model.discovered.Widget;
import dev.svcinfra.sql.model.internal.Table;
import dev.svcinfra.sql.model.internal.TableMapping;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelRegistryTest {
  @Test
  void discoversAnnotatedModelsInTheConfiguredPackages() {
    ModelDiscoverySettings settings =
        ModelDiscoverySettings.from(
            Env.of(Map.of("ALEMBIC_DISCOVER_PACKAGES", "dev.svcinfra.sql.model.discovered")));
    ModelRegistry registry = ModelRegistry.discover(settings);
    assertThat(registry.mappings())
        .<Object>extracting(TableMapping::type)
        .containsExactly(Gadget.class, Widget.class);
    assertThat(registry.tables()).extracting(Table::name).containsExactly("gadgets", "widgets");
  }

  @Test
  void aliasAndExplicitRegistration() {
    ModelDiscoverySettings settings =
        ModelDiscoverySettings.from(
            Env.of(Map.of("MIGRATIONS_DISCOVER_PACKAGES", "dev.svcinfra.sql.model.discovered")));
    assertThat(settings.packages()).containsExactly("dev.svcinfra.sql.model.discovered");
    ModelRegistry registry = ModelRegistry.empty().register(Widget.class, Widget.class);
    assertThat(registry.tables()).extracting(Table::name).containsExactly("widgets");
    assertThat(ModelRegistry.discover(ModelDiscoverySettings.from(Env.empty())).tables()).isEmpty();
  }

  @Test
  void badPackageNamesFailNamingTheVariable() {
    assertThatThrownBy(
            () ->
                ModelDiscoverySettings.from(
                    Env.of(Map.of("ALEMBIC_DISCOVER_PACKAGES", "app.models, 9bad"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ALEMBIC_DISCOVER_PACKAGES='9bad'");
  }
}
