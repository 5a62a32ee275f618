package org.liaison.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Starts one gateway. */
@SpringBootApplication
public class LiaisonGatewayApplication {

  public static void main(String[] args) {
    SpringApplication.run(LiaisonGatewayApplication.class, args);
  }
}
