<?php
/**
 * Plugin Name:          Ledger Bridge for WooCommerce
 * Plugin URI:           https://github.com/ledger-bridge/ledger-bridge
 * Description:          Transfers WooCommerce orders and refunds to Dinero, Billy, e-conomic and Dynaccount as booked invoices and credit notes, through the Ledger Bridge app.
 * Version:              0.1.0
 * Requires at least:    6.3
 * Requires PHP:         7.4
 * Requires Plugins:     woocommerce
 * WC requires at least: 8.0
 * WC tested up to:      9.8
 * Author:               Ledger Bridge
 * License:              MIT
 * Text Domain:          ledger-bridge
 *
 * @package LedgerBridge
 */

defined( 'ABSPATH' ) || exit;

define( 'LEDGER_BRIDGE_VERSION', '0.1.0' );
define( 'LEDGER_BRIDGE_FILE', __FILE__ );

require_once __DIR__ . '/includes/class-lb-signer.php';
require_once __DIR__ . '/includes/class-lb-api-client.php';
require_once __DIR__ . '/includes/class-lb-order-status.php';
require_once __DIR__ . '/includes/class-lb-settings.php';
require_once __DIR__ . '/includes/class-lb-order-meta-box.php';
require_once __DIR__ . '/includes/class-lb-orders-list.php';

// The plugin only reads and writes orders through WC_Order, so it works with both order storages.
add_action(
	'before_woocommerce_init',
	function () {
		if ( class_exists( \Automattic\WooCommerce\Utilities\FeaturesUtil::class ) ) {
			\Automattic\WooCommerce\Utilities\FeaturesUtil::declare_compatibility( 'custom_order_tables', __FILE__, true );
		}
	}
);

add_action(
	'plugins_loaded',
	function () {
		if ( ! class_exists( 'WooCommerce' ) ) {
			return;
		}
		$settings = new LB_Settings();
		$client   = new LB_Api_Client( $settings );
		$settings->register();
		( new LB_Order_Meta_Box( $client ) )->register();
		( new LB_Orders_List( $client ) )->register();
	}
);
