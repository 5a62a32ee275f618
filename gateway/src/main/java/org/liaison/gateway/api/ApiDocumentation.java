package org.liaison.gateway.api;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Arrays;
import java.util.Optional;
import org.springdoc.core.converters.ModelConverterRegistrar;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document served at {@code /v3/api-docs}, generated from the controllers. The {@link
 * Caller} argument is resolved from the request's authentication, not sent by the client, so it is
 * left out of every operation; the optional {@code Liaison-Unit} header that picks among the
 * account's units is documented on the operations that act for a unit, and the three ways in
 * (bearer token, client certificate, login session) as security schemes. The document itself is
 * open: the API's shape is no secret, and clients generate code from it.
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

  /** The session scheme names the cookie the gateway really sets ({@code LIAISON_SESSION}). */
  @Bean
  OpenAPI liaisonOpenApi(
      @Value("${server.servlet.session.cookie.name:JSESSIONID}") String sessionCookie) {
    return new OpenAPI()
        .info(
            new Info()
                .title("Liaison gateway API")
                .version("v1")
                .description(
                    "Publish case notices to other units, read a unit's inbox, follow receipts."
                        + " Errors are application/problem+json with a stable code."))
        .components(
            new Components()
                .addSecuritySchemes(
                    "bearer",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT"))
                .addSecuritySchemes(
                    "clientCertificate", new SecurityScheme().type(SecurityScheme.Type.MUTUALTLS))
                .addSecuritySchemes(
                    "session",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.COOKIE)
                        .name(sessionCookie)))
        .addSecurityItem(new SecurityRequirement().addList("bearer"))
        .addSecurityItem(new SecurityRequirement().addList("clientCertificate"))
        .addSecurityItem(new SecurityRequirement().addList("session"));
  }

  /**
   * Each operation that acts for a unit may name it: only needed by an account entitled to several
   * units, and only ever one of the account's own. An operation that reads the header itself (the
   * security-event trail) gets the same description.
   */
  @Bean
  OperationCustomizer actingUnitHeader() {
    return (operation, handler) -> {
      String description =
          "The unit this request acts for, when the account is entitled to several;"
              + " 403 UNIT_NOT_YOURS for a unit that is not the account's. It never"
              + " authenticates anything.";
      Optional<Parameter> declared =
          operation.getParameters() == null
              ? Optional.empty()
              : operation.getParameters().stream()
                  .filter(p -> "header".equals(p.getIn()) && Caller.UNIT_HEADER.equals(p.getName()))
                  .findFirst();
      boolean needsCaller =
          Arrays.stream(handler.getMethodParameters())
              .anyMatch(p -> p.getParameterType() == Caller.class);
      if (declared.isPresent()) {
        declared.get().description(description).example("NL.NCB");
      } else if (needsCaller) {
        operation.addParametersItem(
            new HeaderParameter()
                .name(Caller.UNIT_HEADER)
                .required(false)
                .description(description)
                .schema(new StringSchema().example("NL.NCB")));
      }
      return operation;
    };
  }
}
