<?php
// phpcs:disable
namespace Automattic\WooCommerce\Utilities;

class OrderUtil {
	public static function custom_orders_table_usage_is_enabled() {
		return \LB_Fake::$hpos;
	}
}

class FeaturesUtil {
	public static $declared = array();
	public static function declare_compatibility( $feature, $file, $compatible ) {
		self::$declared[] = array( $feature, $file, $compatible );
		return true;
	}
}
