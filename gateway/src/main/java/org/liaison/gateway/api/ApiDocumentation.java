package org.liaison.gateway.api;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import java.util.Arrays;
import org.springdoc.core.converters.ModelConverterRegistrar;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document served at {@code /v3/api-docs}, generated from the controllers. The {@link
 * Caller} argument is resolved from the request's authentication, not sent by the client, so it is
 * left out of every operation; in development mode the {@code Liaison-Unit} header that stands in
 * for authentication is documented on the operations that need a caller.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocumentation {

  static {
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
  }

  /**
   * Puts {@link JsonTreeSchemas} in front of the converters springdoc registered: each converter
   * added goes first, so it is added once the registrar has added springdoc's. Not a converter bean
   * itself, which the registrar would take among its own.
   */
  @Bean
  SmartInitializingSingleton jsonTreeSchemas(
      ObjectProvider<ModelConverterRegistrar> registrar, SpringDocConfigProperties springdoc) {
    return () -> {
      registrar.getObject();
      // The converters are one list per process: another context's copy goes, this one goes first.
      ModelConverters converters = ModelConverters.getInstance(springdoc.isOpenapi31());
      converters.getConverters().stream()
          .filter(JsonTreeSchemas.class::isInstance)
          .toList()
          .forEach(converters::removeConverter);
      converters.addConverter(new JsonTreeSchemas());
    };
  }

  @Bean
  OpenAPI liaisonOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Liaison gateway API")
                .version("v1")
                .description(
                    "Publish case notices to other units, read a unit's inbox, follow receipts."
                        + " Errors are application/problem+json with a stable code."));
  }

  /** Development mode: each operation that acts for a unit takes it from a header. */
  @Bean
  @ConditionalOnProperty(
      name = "liaison.development.enabled",
      havingValue = "true",
      matchIfMissing = true)
  OperationCustomizer developmentUnitHeader() {
    return (operation, handler) -> {
      boolean needsCaller =
          Arrays.stream(handler.getMethodParameters())
              .anyMatch(p -> p.getParameterType() == Caller.class);
      if (needsCaller) {
        operation.addParametersItem(
            new HeaderParameter()
                .name(DevelopmentCallerResolver.UNIT_HEADER)
                .required(true)
                .description(
                    "Development mode only, until authentication exists: the hosted unit this"
                        + " request acts for, e.g. NL.NCB. Not accepted by a production gateway.")
                .schema(new StringSchema().example("NL.NCB")));
      }
      return operation;
    };
  }
}
