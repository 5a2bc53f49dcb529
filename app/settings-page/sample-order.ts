/**
 * The order the settings preview shows while a shop has received none yet: a Danish Shopify
 * order with two items, a discount code and paid shipping, as raw webhook JSON (ids above 2^53
 * on purpose, like real ones).
 */
export const SAMPLE_ORDER_NAME = "#1001";

export const SAMPLE_SHOPIFY_ORDER = `{
  "id": 1000000000000000001,
  "admin_graphql_api_id": "gid://shopify/Order/1000000000000000001",
  "name": "#1001",
  "number": 1,
  "order_number": 1001,
  "created_at": "2025-05-12T09:14:00+02:00",
  "processed_at": "2025-05-12T09:14:00+02:00",
  "updated_at": "2025-05-12T09:15:10+02:00",
  "cancelled_at": null,
  "cancel_reason": null,
  "financial_status": "paid",
  "fulfillment_status": null,
  "test": false,
  "currency": "DKK",
  "presentment_currency": "DKK",
  "taxes_included": true,
  "tax_exempt": false,
  "email": "mette@example.com",
  "contact_email": "mette@example.com",
  "phone": null,
  "subtotal_price": "584.95",
  "subtotal_price_set": {
    "shop_money": {
      "amount": "584.95",
      "currency_code": "DKK"
    },
    "presentment_money": {
      "amount": "584.95",
      "currency_code": "DKK"
    }
  },
  "total_line_items_price": "649.95",
  "total_line_items_price_set": {
    "shop_money": {
      "amount": "649.95",
      "currency_code": "DKK"
    },
    "presentment_money": {
      "amount": "649.95",
      "currency_code": "DKK"
    }
  },
  "total_discounts": "65.00",
  "total_discounts_set": {
    "shop_money": {
      "amount": "65.00",
      "currency_code": "DKK"
    },
    "presentment_money": {
      "amount": "65.00",
      "currency_code": "DKK"
    }
  },
  "total_shipping_price_set": {
    "shop_money": {
      "amount": "49.00",
      "currency_code": "DKK"
    },
    "presentment_money": {
      "amount": "49.00",
      "currency_code": "DKK"
    }
  },
  "total_tax": "126.79",
  "total_tax_set": {
    "shop_money": {
      "amount": "126.79",
      "currency_code": "DKK"
    },
    "presentment_money": {
      "amount": "126.79",
      "currency_code": "DKK"
    }
  },
  "total_price": "633.95",
  "total_price_set": {
    "shop_money": {
      "amount": "633.95",
      "currency_code": "DKK"
    },
    "presentment_money": {
      "amount": "633.95",
      "currency_code": "DKK"
    }
  },
  "current_total_price": "633.95",
  "current_total_price_set": {
    "shop_money": {
      "amount": "633.95",
      "currency_code": "DKK"
    },
    "presentment_money": {
      "amount": "633.95",
      "currency_code": "DKK"
    }
  },
  "total_tip_received": "0.00",
  "tax_lines": [
    {
      "title": "DK Moms",
      "rate": 0.25,
      "price": "126.79",
      "price_set": {
        "shop_money": {
          "amount": "126.79",
          "currency_code": "DKK"
        },
        "presentment_money": {
          "amount": "126.79",
          "currency_code": "DKK"
        }
      },
      "channel_liable": false
    }
  ],
  "discount_codes": [
    {
      "code": "SOMMER10",
      "amount": "65.00",
      "type": "percentage"
    }
  ],
  "discount_applications": [
    {
      "type": "discount_code",
      "code": "SOMMER10",
      "value": "10.0",
      "value_type": "percentage",
      "allocation_method": "across",
      "target_selection": "all",
      "target_type": "line_item"
    }
  ],
  "note_attributes": [],
  "payment_gateway_names": [
    "shopify_payments"
  ],
  "customer": {
    "id": 1000000000000000002,
    "admin_graphql_api_id": "gid://shopify/Customer/1000000000000000002",
    "email": "mette@example.com",
    "first_name": "Mette",
    "last_name": "Holm",
    "phone": "+4520304050",
    "tax_exempt": false,
    "tax_exemptions": []
  },
  "billing_address": {
    "first_name": "Mette",
    "last_name": "Holm",
    "name": "Mette Holm",
    "company": null,
    "address1": "Nørregade 7",
    "address2": "",
    "zip": "8000",
    "city": "Aarhus C",
    "province": null,
    "country": "Denmark",
    "country_code": "DK",
    "province_code": null,
    "phone": "+4520304050"
  },
  "shipping_address": {
    "first_name": "Mette",
    "last_name": "Holm",
    "name": "Mette Holm",
    "company": null,
    "address1": "Nørregade 7",
    "address2": "",
    "zip": "8000",
    "city": "Aarhus C",
    "province": null,
    "country": "Denmark",
    "country_code": "DK",
    "province_code": null,
    "phone": "+4520304050"
  },
  "line_items": [
    {
      "id": 1000000000000000010,
      "admin_graphql_api_id": "gid://shopify/LineItem/1000000000000000010",
      "title": "Kaffekop",
      "name": "Kaffekop - Blå",
      "variant_title": "Blå",
      "sku": "KOP-BLA",
      "vendor": "Kaffehuset",
      "quantity": 2,
      "current_quantity": 2,
      "price": "125.00",
      "price_set": {
        "shop_money": {
          "amount": "125.00",
          "currency_code": "DKK"
        },
        "presentment_money": {
          "amount": "125.00",
          "currency_code": "DKK"
        }
      },
      "gift_card": false,
      "taxable": true,
      "total_discount": "0.00",
      "tax_lines": [
        {
          "title": "DK Moms",
          "rate": 0.25,
          "price": "45.00",
          "price_set": {
            "shop_money": {
              "amount": "45.00",
              "currency_code": "DKK"
            },
            "presentment_money": {
              "amount": "45.00",
              "currency_code": "DKK"
            }
          },
          "channel_liable": false
        }
      ],
      "discount_allocations": [
        {
          "amount": "25.00",
          "amount_set": {
            "shop_money": {
              "amount": "25.00",
              "currency_code": "DKK"
            },
            "presentment_money": {
              "amount": "25.00",
              "currency_code": "DKK"
            }
          },
          "discount_application_index": 0
        }
      ]
    },
    {
      "id": 1000000000000000011,
      "admin_graphql_api_id": "gid://shopify/LineItem/1000000000000000011",
      "title": "Tekande",
      "name": "Tekande",
      "variant_title": null,
      "sku": "TEKANDE-1",
      "vendor": "Tehuset",
      "quantity": 1,
      "current_quantity": 1,
      "price": "399.95",
      "price_set": {
        "shop_money": {
          "amount": "399.95",
          "currency_code": "DKK"
        },
        "presentment_money": {
          "amount": "399.95",
          "currency_code": "DKK"
        }
      },
      "gift_card": false,
      "taxable": true,
      "total_discount": "0.00",
      "tax_lines": [
        {
          "title": "DK Moms",
          "rate": 0.25,
          "price": "71.99",
          "price_set": {
            "shop_money": {
              "amount": "71.99",
              "currency_code": "DKK"
            },
            "presentment_money": {
              "amount": "71.99",
              "currency_code": "DKK"
            }
          },
          "channel_liable": false
        }
      ],
      "discount_allocations": [
        {
          "amount": "40.00",
          "amount_set": {
            "shop_money": {
              "amount": "40.00",
              "currency_code": "DKK"
            },
            "presentment_money": {
              "amount": "40.00",
              "currency_code": "DKK"
            }
          },
          "discount_application_index": 0
        }
      ]
    }
  ],
  "shipping_lines": [
    {
      "id": 1000000000000000020,
      "title": "PostNord Pakkeshop",
      "code": "postnord-pakkeshop",
      "price": "49.00",
      "price_set": {
        "shop_money": {
          "amount": "49.00",
          "currency_code": "DKK"
        },
        "presentment_money": {
          "amount": "49.00",
          "currency_code": "DKK"
        }
      },
      "discounted_price": "49.00",
      "discounted_price_set": {
        "shop_money": {
          "amount": "49.00",
          "currency_code": "DKK"
        },
        "presentment_money": {
          "amount": "49.00",
          "currency_code": "DKK"
        }
      },
      "is_removed": false,
      "source": "shopify",
      "tax_lines": [
        {
          "title": "DK Moms",
          "rate": 0.25,
          "price": "9.80",
          "price_set": {
            "shop_money": {
              "amount": "9.80",
              "currency_code": "DKK"
            },
            "presentment_money": {
              "amount": "9.80",
              "currency_code": "DKK"
            }
          },
          "channel_liable": false
        }
      ],
      "discount_allocations": []
    }
  ],
  "fulfillments": [],
  "refunds": []
}`;
