<?php
/**
 * Minimal fakes of the WordPress and WooCommerce functions the plugin calls. Every call that
 * matters for security (nonces, capabilities, outbound HTTP) is recorded in LB_Fake.
 *
 * @package LedgerBridge
 */

// phpcs:disable

define( 'ABSPATH', __DIR__ . '/' );

class LB_Fake {
	public static $hooks = array();
	public static $options = array();
	public static $caps = array( 'manage_woocommerce' => true );
	public static $cap_checks = array();
	public static $valid_nonces = array();
	public static $nonce_checks = array();
	public static $requests = array();
	public static $response = array( 'response' => array( 'code' => 202 ), 'body' => '{}' );
	public static $orders = array();
	public static $meta_boxes = array();
	public static $hpos = true;
	public static $now = 1700000000;

	public static function reset() {
		self::$hooks        = array();
		self::$options      = array();
		self::$caps         = array( 'manage_woocommerce' => true );
		self::$cap_checks   = array();
		self::$valid_nonces = array();
		self::$nonce_checks = array();
		self::$requests     = array();
		self::$response     = array( 'response' => array( 'code' => 202 ), 'body' => '{}' );
		self::$orders       = array();
		self::$meta_boxes   = array();
		self::$hpos         = true;
		$_GET               = array();
	}
}

class WP_Die_Exception extends Exception {
	public $status;
	public function __construct( $message, $status ) {
		parent::__construct( $message );
		$this->status = $status;
	}
}

class WP_Error {
	private $message;
	public function __construct( $code = '', $message = '' ) { $this->message = $message; }
	public function get_error_message() { return $this->message; }
}

class WP_Post {
	public $ID;
	public function __construct( $id ) { $this->ID = $id; }
}

class WC_Order {
	private $id;
	public $meta  = array();
	public $saves = 0;
	public function __construct( $id ) { $this->id = $id; }
	public function get_id() { return $this->id; }
	public function get_meta( $key ) { return isset( $this->meta[ $key ] ) ? $this->meta[ $key ] : ''; }
	public function update_meta_data( $key, $value ) { $this->meta[ $key ] = $value; }
	public function save() { $this->saves++; return $this->id; }
	public function get_edit_order_url() { return 'https://shop.example/wp-admin/admin.php?page=wc-orders&action=edit&id=' . $this->id; }
}

class WooCommerce {}

function add_action( $hook, $callback, $priority = 10, $args = 1 ) { LB_Fake::$hooks[] = array( 'action', $hook, $callback ); }
function add_filter( $hook, $callback, $priority = 10, $args = 1 ) { LB_Fake::$hooks[] = array( 'filter', $hook, $callback ); }
function __( $text, $domain = null ) { return $text; }
function _n( $single, $plural, $n, $domain = null ) { return 1 === $n ? $single : $plural; }
function esc_html__( $text, $domain = null ) { return esc_html( $text ); }
function esc_html( $text ) { return htmlspecialchars( (string) $text, ENT_QUOTES, 'UTF-8' ); }
function esc_attr( $text ) { return htmlspecialchars( (string) $text, ENT_QUOTES, 'UTF-8' ); }
function esc_url( $url ) { return htmlspecialchars( (string) $url, ENT_QUOTES, 'UTF-8' ); }
function esc_url_raw( $url ) { return (string) $url; }
function sanitize_text_field( $text ) { return trim( strip_tags( (string) $text ) ); }
function absint( $value ) { return abs( (int) $value ); }
function wp_unslash( $value ) { return $value; }
function untrailingslashit( $value ) { return rtrim( $value, '/\\' ); }
function get_option( $name, $default = false ) { return array_key_exists( $name, LB_Fake::$options ) ? LB_Fake::$options[ $name ] : $default; }
function update_option( $name, $value ) { LB_Fake::$options[ $name ] = $value; return true; }
function home_url( $path = '' ) { return 'https://shop.example' . $path; }
function admin_url( $path = '' ) { return 'https://shop.example/wp-admin/' . $path; }
function get_current_user_id() { return 7; }
function current_user_can( $cap ) {
	LB_Fake::$cap_checks[] = $cap;
	return ! empty( LB_Fake::$caps[ $cap ] );
}
function wp_create_nonce( $action ) { return 'nonce-' . $action; }
function wp_nonce_url( $url, $action ) { return add_query_arg( array( '_wpnonce' => wp_create_nonce( $action ) ), $url ); }
function check_admin_referer( $action ) {
	LB_Fake::$nonce_checks[] = $action;
	$given = isset( $_GET['_wpnonce'] ) ? $_GET['_wpnonce'] : '';
	if ( $given !== wp_create_nonce( $action ) ) {
		throw new WP_Die_Exception( 'The link you followed has expired.', 403 );
	}
	return 1;
}
function wp_die( $message = '', $title = '', $args = array() ) {
	throw new WP_Die_Exception( $message, isset( $args['response'] ) ? $args['response'] : 500 );
}
function add_query_arg( array $args, $url ) {
	$query = array();
	foreach ( $args as $key => $value ) {
		$query[] = $key . '=' . $value;
	}
	return $url . ( false === strpos( $url, '?' ) ? '?' : '&' ) . implode( '&', $query );
}
function wp_json_encode( $data ) { return json_encode( $data ); }
function wp_safe_remote_post( $url, $args ) {
	// What the orders said while the request was in flight (the app may write back meanwhile).
	$statuses = array();
	foreach ( LB_Fake::$orders as $id => $order ) {
		$statuses[ $id ] = $order->get_meta( '_ledger_bridge_status' );
	}
	LB_Fake::$requests[] = array( 'url' => $url, 'args' => $args, 'statuses' => $statuses );
	return LB_Fake::$response;
}
function is_wp_error( $thing ) { return $thing instanceof WP_Error; }
function wp_remote_retrieve_response_code( $response ) { return $response['response']['code']; }
function wp_remote_retrieve_body( $response ) { return $response['body']; }
function wc_get_order( $id ) { return isset( LB_Fake::$orders[ $id ] ) ? LB_Fake::$orders[ $id ] : false; }
function wc_get_page_screen_id( $for ) { return 'shop-order' === $for ? 'woocommerce_page_wc-orders' : $for; }
function add_meta_box( $id, $title, $callback, $screen, $context, $priority ) { LB_Fake::$meta_boxes[] = compact( 'id', 'screen', 'context' ); }
function woocommerce_admin_fields( $fields ) { echo '<table class="form-table"></table>'; }
function woocommerce_update_options( $fields ) {
	foreach ( $fields as $field ) {
		if ( isset( $field['id'], $_POST[ $field['id'] ] ) && ! in_array( $field['type'], array( 'title', 'sectionend' ), true ) ) {
			LB_Fake::$options[ $field['id'] ] = $_POST[ $field['id'] ];
		}
	}
}

require __DIR__ . '/fake-order-util.php';
require dirname( __DIR__ ) . '/includes/class-lb-signer.php';
require dirname( __DIR__ ) . '/includes/class-lb-order-status.php';
require dirname( __DIR__ ) . '/includes/class-lb-settings.php';
require dirname( __DIR__ ) . '/includes/class-lb-api-client.php';
require dirname( __DIR__ ) . '/includes/class-lb-order-meta-box.php';
require dirname( __DIR__ ) . '/includes/class-lb-orders-list.php';
